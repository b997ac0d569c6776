package org.elfmap.output.pages;

import org.elfmap.pages.ProblemKind;

/** What each check-pages rule is, for SARIF's rule metadata and the help of every format. */
final class RuleText {
    private RuleText() {
    }

    static String name(ProblemKind k) {
        return switch (k) {
            case ALIGN -> "LoadSegmentAlignment";
            case RELRO_START -> "RelroStartAlignment";
            case RELRO_END -> "RelroEndAlignment";
            case ZIP_OFFSET -> "ZipEntryAlignment";
            case CONGRUENCE -> "LoadSegmentCongruence";
            case MALFORMED -> "MalformedLibrary";
        };
    }

    static String summary(ProblemKind k) {
        return switch (k) {
            case ALIGN -> "A PT_LOAD segment is aligned below the page size";
            case RELRO_START -> "PT_GNU_RELRO starts inside a page";
            case RELRO_END -> "PT_GNU_RELRO ends inside a page";
            case ZIP_OFFSET -> "An uncompressed library is not page-aligned in its APK";
            case CONGRUENCE -> "A PT_LOAD segment's file offset and address differ modulo the page size";
            case MALFORMED -> "The library cannot be read";
        };
    }

    static String description(ProblemKind k) {
        return switch (k) {
            case ALIGN -> "The smallest p_align of the library's PT_LOAD segments is below the page size. Android's ELF"
                    + " policy (AOSP elfpolicy, VerifyLoadSegmentsAlignment) and Android Studio report it; bionic"
                    + " refuses to load the library on a device with that page size.";
            case RELRO_START -> "A PT_GNU_RELRO segment starts neither on a page boundary nor where its LOAD starts, and"
                    + " is not its LOAD's whole content (AOSP elfpolicy, VerifyRelroSegment). The loaders round its"
                    + " start down, so writable data before it becomes read-only.";
            case RELRO_END -> "A PT_GNU_RELRO segment ends neither on a page boundary nor where its LOAD ends, and is"
                    + " not its LOAD's whole content, or it is empty (AOSP elfpolicy, VerifyRelroSegment). bionic rounds"
                    + " its end up, making writable data after it read-only; glibc rounds it down, leaving part of it"
                    + " writable.";
            case ZIP_OFFSET -> "A stored (uncompressed) .so in an APK does not start on a page boundary, so Android"
                    + " cannot map it from the APK in place (zipalign -P 16, Android Studio's pagealign).";
            case CONGRUENCE -> "p_offset and p_vaddr of a PT_LOAD segment differ modulo the page size: no mmap can place"
                    + " the segment. Android does not check this, but no loader can load the file.";
            case MALFORMED -> "The ELF file, archive entry or archive could not be read.";
        };
    }

    /** {@link FixAdvice#of(ProblemKind)} as a sentence, and the dependency's way out where a dependency can ship it. */
    static String help(ProblemKind k) {
        String fix = FixAdvice.of(k);
        String sentence = Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + ".";
        return switch (k) {
            case ALIGN, RELRO_START, RELRO_END, CONGRUENCE -> sentence + " If a dependency ships the library, upgrade it"
                    + " to a 16 KiB-ready version.";
            case ZIP_OFFSET, MALFORMED -> sentence;
        };
    }
}
