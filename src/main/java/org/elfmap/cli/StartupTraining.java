package org.elfmap.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload the launcher runs once per command, output discarded, to record what that command
 * loads into a class-data-sharing archive (Java 17: {@code -XX:ArchiveClassesAtExit}) or an AOT
 * cache (JDK 25: {@code -XX:AOTCacheOutput}, JEP 483/514/515: classes loaded and linked, and
 * method profiles); later runs of the command map it instead of loading classes one by one.
 *
 * <p>One archive per command, because JDK 25 loads and links every class of a cache when the JVM
 * starts: a cache trained on all commands made {@code --version} load 2,400 classes, where its own
 * cache holds 1,300 (measured: 82 ms to 64 ms, README "Performance"). {@link #GROUPS} names the
 * archives: each command's, {@code version} for {@code --version} alone (help's classes in
 * {@code other} made it ~8 ms slower), and {@code other} for everything else (help, mistakes).
 * Each is trained on representative runs, text and JSON, of inputs every Linux machine has: this
 * JVM's own executable and libraries, this process, another one, and captured smaps and maps.
 * What a cache holds every run of its command pays for (~13 µs a class at start, measured), so a
 * command's help is left to load its classes when asked (picocli's help, ~150 classes), and the
 * training itself uses nothing the commands do not (no streams, no {@code SecureRandom}).
 * Not part of the user interface.
 */
public final class StartupTraining {
    /** The archives the launcher keeps: one per command, and {@code other}. */
    static final List<String> GROUPS = groups();

    private static List<String> groups() {
        List<String> g = new java.util.ArrayList<>(Main.COMMANDS);
        g.add("version");
        g.add("other");
        return List.copyOf(g);
    }

    private StartupTraining() {
    }

    /** {@code args[0]}: the group to train (default: every group, one after another). */
    public static void main(String[] args) {
        List<String> groups = args.length > 0 ? List.of(args[0]) : GROUPS;
        Scratch scratch = new Scratch();
        try {
            PrintWriter none = new PrintWriter(OutputStream.nullOutputStream());
            for (String group : groups) {
                for (String[] run : runs(group, scratch)) {
                    try {
                        Main.run(RawArguments.recover(run), none, none);
                    } catch (RuntimeException | StackOverflowError e) {
                        // a run that fails still loaded its classes
                    }
                }
            }
        } finally {
            scratch.delete();
        }
    }

    /**
     * A private directory for the runs' inputs, made when a group needs one. Whatever training
     * does, every later run of the command loads too (JDK 25 loads all of a cache's classes at
     * start): {@code createTempDirectory} names the directory with {@code SecureRandom} (the
     * security providers, ~40 classes) and a tree walk brings streams, so the name is the process
     * id, atomically created (a directory created with that name by someone else is not used).
     */
    private static final class Scratch {
        private Path dir;

        Path file(String name) {
            try {
                if (dir == null) {
                    Path d = Path.of(System.getProperty("java.io.tmpdir"), "elfmap-training-" + SelfStat.read().pid());
                    try {
                        // private, as createTempDirectory makes it: it holds copies of this JVM's maps
                        dir = Files.createDirectory(d, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
                    } catch (FileAlreadyExistsException e) {
                        dir = Files.createTempDirectory("elfmap-training");
                    }
                }
                return dir.resolve(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void delete() {
            if (dir == null) {
                return;
            }
            File[] files = dir.toFile().listFiles(); // flat: runs() writes files only
            for (File f : files == null ? new File[0] : files) {
                f.delete();
            }
            dir.toFile().delete();
        }
    }

    /**
     * This process's id and its parent's, from {@code /proc/self/stat} ("pid (comm) state ppid
     * ..."): not {@code ProcessHandle}, whose implementation starts a thread pool class by class
     * (~25 classes every run of the command would load).
     */
    private record SelfStat(String pid, String parent) {
        static SelfStat read() {
            try {
                String stat = new String(Files.readAllBytes(Path.of("/proc/self/stat")), StandardCharsets.ISO_8859_1);
                String pid = stat.substring(0, stat.indexOf(' '));
                String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
                return new SelfStat(pid, after.length > 1 ? after[1] : pid);
            } catch (IOException | RuntimeException e) {
                return new SelfStat("1", "1");
            }
        }
    }

    /** The command lines that train {@code group}. */
    private static List<String[]> runs(String group, Scratch scratch) {
        String exe = "/proc/self/exe";
        List<String[]> runs = new ArrayList<>();
        // each group computes only what its runs need (see Scratch)
        switch (group) {
            case "layout" -> {
                List<String> libs = jvmLibraries();
                String lib = firstOr(libs, exe);
                // the JVM's libraries and a sample of the system's files: executables (the kernel's
                // model), objects, debug files, other classes; a file kind training never met has its
                // classes and lambdas loaded and spun when first met (measured: a cache trained on
                // every ELF file under /usr made layout over them 5 % faster than one trained on the
                // JVM's libraries alone)
                List<String> sample = new ArrayList<>(libs);
                sample.addAll(systemSample());
                String list = write(scratch.file("libs.txt"), String.join("\n", sample));
                runs.add(new String[] {"layout", exe});
                runs.add(new String[] {"layout", "--json", exe});
                runs.add(new String[] {"layout", "--loader", "all", "--json", lib});
                runs.add(new String[] {"layout", "--json", "@" + list});
                runs.add(new String[] {"layout", "@" + list});
                runs.add(new String[] {"layout", "/nonexistent/elfmap-training"});
            }
            case "explain" -> {
                SelfStat self = SelfStat.read();
                String pid = self.pid();
                // another process, as users mostly explain: a process's own is read differently (no
                // smaps_rollup), and what training leaves out is verified, or looked for in the jars,
                // when first used (measured: ~3 ms of explain PID). The launcher's shell waits for training.
                String other = self.parent();
                String smaps = copy("/proc/self/smaps", scratch.file("self.smaps"));
                String maps = copy("/proc/self/maps", scratch.file("self.maps"));
                runs.add(new String[] {"explain", pid});
                runs.add(new String[] {"explain", other});
                runs.add(new String[] {"explain", "--json", other});
                runs.add(new String[] {"explain", smaps});
                runs.add(new String[] {"explain", "--json", maps});
                runs.add(new String[] {"explain", "/nonexistent/elfmap-training"});
            }
            case "predict" -> {
                String lib = firstOr(jvmLibraries(), exe);
                runs.add(new String[] {"predict", exe});
                runs.add(new String[] {"predict", "--json", exe});
                runs.add(new String[] {"predict", "--tree", lib});
                runs.add(new String[] {"predict", "--json", exe, lib});
            }
            case "compare" -> {
                SelfStat self = SelfStat.read();
                String pid = self.pid();
                String other = self.parent();
                runs.add(new String[] {"compare", other, exe});
                runs.add(new String[] {"compare", "--json", pid, exe});
            }
            case "check-pages" -> {
                String lib = firstOr(jvmLibraries(), exe);
                runs.add(new String[] {"check-pages", exe});
                runs.add(new String[] {"check-pages", "--json", exe});
                runs.add(new String[] {"check-pages", "--page-size", "16k", Path.of(lib).getParent().toString()});
                // the system's files too, as for layout: kinds the JVM's libraries are not
                String list = write(scratch.file("sample.txt"), String.join("\n", systemSample()));
                runs.add(new String[] {"check-pages", "--page-size", "16k", "--json", "@" + list});
            }
            case "top" -> {
                runs.add(new String[] {"top"});
                runs.add(new String[] {"top", "--json"});
            }
            case "version" -> {
                runs.add(new String[] {"--version"});
                runs.add(new String[] {"-V"});
            }
            default -> {
                runs.add(new String[] {"--version"});
                runs.add(new String[] {"--help"});
                runs.add(new String[] {});
                runs.add(new String[] {"help", "layout"});
                runs.add(new String[] {"no-such-command"});
            }
        }
        return runs;
    }

    /** Directories whose ELF files are sampled for training, and how many are taken from each tree. */
    private static final String[] SAMPLED = {"/usr/bin", "/usr/sbin", "/usr/libexec", "/usr/lib", "/usr/lib32",
        "/usr/lib64", "/usr/local/bin", "/usr/local/lib"};
    private static final int SAMPLE_PER_TREE = 150;
    /** Files taken from one directory: the sample spreads over directories (objects, debug files, modules). */
    private static final int SAMPLE_PER_DIRECTORY = 12;
    private static final int SAMPLE_DEPTH = 4;
    /**
     * Directory entries looked at per tree: training stays short on a large /usr (measured here,
     * 147,000 files under /usr: 224 files sampled in ~0.1 s, caches dropped).
     */
    private static final int SAMPLE_LOOKS = 10_000;

    /**
     * Up to {@link #SAMPLE_PER_TREE} ELF files from each of {@link #SAMPLED}, in name order. Never
     * fails: a tree that cannot be read gives what was found before (training goes on without it).
     */
    static List<String> systemSample() {
        List<String> out = new ArrayList<>();
        for (String root : SAMPLED) {
            List<String> tree = new ArrayList<>();
            try {
                sample(new File(root), 0, tree, new int[] {SAMPLE_LOOKS});
            } catch (RuntimeException e) {
                // a security manager, an I/O error surfacing as unchecked: keep what was found
            }
            out.addAll(tree);
        }
        return out;
    }

    private static void sample(File dir, int depth, List<String> out, int[] looks) {
        String[] names = dir.list();
        if (names == null) {
            return;
        }
        java.util.Arrays.sort(names);
        List<File> below = new ArrayList<>();
        int taken = 0;
        for (String n : names) {
            if (out.size() >= SAMPLE_PER_TREE || looks[0]-- <= 0) {
                return;
            }
            File f = new File(dir, n);
            try {
                if (Files.isSymbolicLink(f.toPath())) {
                    continue; // a link leads to a file sampled where it is, or out of the tree
                }
            } catch (java.nio.file.InvalidPathException e) {
                continue; // a name this JVM's charset cannot carry (C locale, non-ASCII name)
            }
            if (f.isDirectory()) {
                below.add(f);
            } else if (taken < SAMPLE_PER_DIRECTORY && f.isFile() && isElf(f)) {
                out.add(f.getPath());
                taken++;
            }
        }
        if (depth < SAMPLE_DEPTH) {
            for (File d : below) {
                sample(d, depth + 1, out, looks);
            }
        }
    }

    private static boolean isElf(File f) {
        try (org.elfmap.elf.FileByteSource src = org.elfmap.elf.FileByteSource.open(f.toPath())) {
            return org.elfmap.elf.Elf.hasMagic(src);
        } catch (IOException | RuntimeException e) {
            return false; // unreadable, or shorter than its size says (sysfs)
        }
    }

    private static String firstOr(List<String> libs, String otherwise) {
        return libs.isEmpty() ? otherwise : libs.get(0);
    }

    /** This JVM's own shared libraries ({@code java.home/lib}), a handful of ELF files any machine running elfmap has. */
    private static List<String> jvmLibraries() {
        File lib = new File(System.getProperty("java.home"), "lib");
        String[] names = lib.list();
        List<String> libs = new ArrayList<>();
        if (names != null) {
            java.util.Arrays.sort(names);
            for (String n : names) {
                if (n.endsWith(".so") && libs.size() < 12) {
                    libs.add(new File(lib, n).getPath());
                }
            }
        }
        return libs;
    }

    private static String write(Path file, String text) {
        try {
            return Files.writeString(file, text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String copy(String from, Path to) {
        try {
            return Files.write(to, Files.readAllBytes(Path.of(from))).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
