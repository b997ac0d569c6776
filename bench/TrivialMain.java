/** The peer of {@code elfmap --version} in bench/table.sh: a Java main that prints one line. */
public class TrivialMain {
    public static void main(String[] args) {
        System.out.println("trivial");
    }
}
