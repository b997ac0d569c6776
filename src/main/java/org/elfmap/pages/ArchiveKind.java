package org.elfmap.pages;

import java.util.Locale;

/**
 * What kind of zip an archive is, by its name: it decides whether a stored library's place in it
 * matters. An APK is installed as it is and its stored libraries are mapped in place; an AAB is
 * turned into APKs by bundletool, and an AAR or JAR is repackaged by the Android Gradle plugin,
 * both of which place every library again. A name with none of these extensions is
 * {@link #OTHER}: read as an archive only when its bytes say zip.
 */
public enum ArchiveKind {
    APK("APK"), BUNDLE("AAB"), LIBRARY("AAR"), JAR("JAR"), ZIP("zip"), OTHER("zip");

    private final String label;

    ArchiveKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Only an APK (or a zip of unknown kind, perhaps a renamed APK) is mapped from as it is. */
    public boolean installedAsIs() {
        return this == APK || this == ZIP || this == OTHER;
    }

    /** Named as an archive ({@code .zip .jar .apk .apex .aab .aar}): checked as one whatever its first bytes. */
    public boolean archiveName() {
        return this != OTHER;
    }

    /** An Android package: libziparchive refuses it empty ({@code kEmptyArchive}, {@link ZipEnd}). */
    public boolean androidPackage() {
        return this == APK || this == BUNDLE || this == LIBRARY;
    }

    public static ArchiveKind of(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".apk") || n.endsWith(".apex")) {
            return APK;
        } else if (n.endsWith(".aab")) {
            return BUNDLE;
        } else if (n.endsWith(".aar")) {
            return LIBRARY;
        } else if (n.endsWith(".jar")) {
            return JAR;
        } else if (n.endsWith(".zip")) {
            return ZIP;
        }
        return OTHER;
    }
}
