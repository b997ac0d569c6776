package org.elfmap.explain;

import java.io.InputStream;
import java.nio.file.Path;
import org.elfmap.space.RawNames;

/** What {@code explain} reads: a running process, a capture file, or a stream ({@code -}, stdin). */
public sealed interface Source permits Source.Pid, Source.Capture, Source.Stream {

    /** How the source is named in output ({@code "pid 1234"}, the file name, {@code "<stdin>"}). */
    String describe();

    record Pid(int pid) implements Source {
        @Override
        public String describe() {
            return "pid " + pid;
        }
    }

    record Capture(Path file) implements Source {
        @Override
        public String describe() {
            return RawNames.shown(file);
        }
    }

    record Stream(InputStream in, String name) implements Source {
        @Override
        public String describe() {
            return name;
        }
    }

    /** {@code -} is stdin, digits are a PID (write {@code ./1234} for a file named so), anything else a file. */
    static Source of(String arg) {
        if (arg.equals("-")) {
            return new Stream(System.in, "<stdin>");
        }
        if (!arg.isEmpty() && arg.length() <= 10 && arg.chars().allMatch(Character::isDigit)) {
            try {
                return new Pid(Integer.parseInt(arg));
            } catch (NumberFormatException e) {
                return new Capture(RawNames.path(arg));
            }
        }
        return new Capture(RawNames.path(arg));
    }
}
