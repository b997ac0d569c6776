import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The floor under a command's time in bench/table.sh: the same elfmap command run RUNS times in
 * one JVM, output discarded, so the later runs pay neither the JVM's start-up nor its warm-up
 * (classes loaded, methods compiled). Prints the median wall and CPU time (user+sys, all of the
 * JVM's threads) of the second half of the runs, in milliseconds: "warm WALL_MS CPU_MS".
 *   java <the launcher's flags> -cp elfmap.jar:lib/*:bench/out WarmRuns RUNS COMMAND ARGS...
 */
public class WarmRuns {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
        for (int i = 0; i < runs; i++) {
            long w0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            org.elfmap.cli.Main.run(command.clone(), none, none);
            wall[i] = System.nanoTime() - w0;
            cpu[i] = os.getProcessCpuTime() - c0;
        }
        System.out.println("warm " + median(wall, runs / 2) + " " + median(cpu, runs / 2));
    }

    /** Median of {@code v[from..]}, in ms with one decimal. */
    private static String median(long[] v, int from) {
        long[] tail = Arrays.copyOfRange(v, from, v.length);
        Arrays.sort(tail);
        long ns = tail[tail.length / 2];
        return (ns / 1_000_000) + "." + (ns / 100_000 % 10);
    }
}
