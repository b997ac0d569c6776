package org.elfmap.pages.origin;

/** What a project depends on to get a library: a Maven module version or an npm package version. */
public sealed interface Coordinate {
    /** Without the version: {@code group:artifact}, or the npm package's name. */
    String module();

    String version();

    /** As build files and reports spell it: {@code group:artifact:version}, {@code name@version}. */
    String display();

    record Maven(String group, String artifact, String version) implements Coordinate {
        public String module() {
            return group + ":" + artifact;
        }

        public String display() {
            return module() + ":" + version;
        }
    }

    record Npm(String name, String version) implements Coordinate {
        public String module() {
            return name;
        }

        public String display() {
            return name + "@" + version;
        }
    }
}
