package org.elfmap.output;

/** The version elfmap reports ({@code --version}, SARIF's {@code tool.driver.version}): the jar manifest's, else the development label. */
public final class ToolVersion {
    private ToolVersion() {
    }

    public static String current() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
