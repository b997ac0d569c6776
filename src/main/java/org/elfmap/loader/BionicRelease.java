package org.elfmap.loader;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Android releases whose linkers map PT_LOADs differently, read from AOSP
 * {@code platform/bionic} ({@code linker/linker_phdr.cpp}, {@code linker_phdr_16kib_compat.cpp}):
 * each release's tag or branch, and where a behaviour came from the commit that brought it. The
 * newest source read is AOSP {@code main} of 2025-03-26 (commit 731631f30), which is what
 * {@link #ANDROID_16} stands for: the android16 release branch is not in the mirror that was read.
 */
public enum BionicRelease {
    /**
     * Android 12 to 14 ({@code android-12.0.0_r1} ... {@code android-14.0.0_r75},
     * {@code android14-qpr3-release}): the same {@code ElfReader::LoadSegments} and
     * {@code ReserveWithAlignmentPadding} (its random gap arrived in 12, commit e0848bbf8); no
     * alignment check, no padding (14 QPR3 reads the padding note but its extension was reverted
     * there, commits 92a7e1c55 and 9535c32e1).
     */
    ANDROID_14("14", "Android 12-14", "12", "13"),
    /**
     * {@code android-15.0.0_r1}: segment padding for an {@code NT_ANDROID_TYPE_PAD_SEGMENT} note
     * where {@code /sys/kernel/mm/pgsize_migration/enabled} reads 1 (commits 4084b555b,
     * 702d9b0ba, c5c1d19eb, e1e747984), padding pages dropped with {@code MADV_DONTNEED}
     * (5134762ef).
     */
    ANDROID_15("15", "Android 15"),
    /**
     * {@code android15-qpr1-release}: on a system of 16 KiB pages or more, a library whose smallest
     * PT_LOAD {@code p_align} is below the page size is refused (commit fc89c8ae1).
     */
    ANDROID_15_QPR1("15-qpr1", "Android 15 QPR1"),
    /**
     * {@code android15-qpr2-release}: the 16 KiB app-compat mode (commits ce1c3cf77, 8e5de06bc)
     * and page-size migration only for 64-bit processes (254989946).
     */
    ANDROID_15_QPR2("15-qpr2", "Android 15 QPR2"),
    /**
     * AOSP {@code main} of 2025-03-26: {@code CheckProgramHeaderAlignment} warns about a
     * non-power-of-two {@code p_align} (commit c039e49c7) and the W+E refusal speaks through
     * {@code DL_ERROR_AFTER} (c14f5454b).
     */
    ANDROID_16("16", "Android 16 (AOSP main, 2025-03)");

    private final String version;
    private final String label;
    private final String[] aliases;

    BionicRelease(String version, String label, String... aliases) {
        this.version = version;
        this.label = label;
        this.aliases = aliases;
    }

    /** What {@code bionic@VERSION} spells. */
    public String version() {
        return version;
    }

    public String label() {
        return label;
    }

    public static BionicRelease newest() {
        return ANDROID_16;
    }

    public static Optional<BionicRelease> of(String version) {
        String v = version.toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.version.equals(v) || Arrays.asList(r.aliases).contains(v))
                .findFirst();
    }

    boolean atLeast(BionicRelease other) {
        return compareTo(other) >= 0;
    }

    /** {@code LoadSegments}: "program alignment (%zu) cannot be smaller than system page size (%zu)". */
    boolean refusesSmallAlignment() {
        return atLeast(ANDROID_15_QPR1);
    }

    /** {@code _extend_load_segment_vma} and {@code ReadPadSegmentNote} gated on page-size migration. */
    boolean pads() {
        return atLeast(ANDROID_15);
    }

    /** {@code page_size_migration_supported()} is {@code false} for 32-bit processes (254989946). */
    boolean migrationOnlyLp64() {
        return atLeast(ANDROID_15_QPR2);
    }

    /** {@code should_use_16kib_app_compat_} exists. */
    boolean hasCompatMode() {
        return atLeast(ANDROID_15_QPR2);
    }

    /** {@code CheckProgramHeaderAlignment}'s {@code DL_WARN} for a non-power-of-two p_align. */
    boolean warnsNonPowerOfTwo() {
        return atLeast(ANDROID_16);
    }

    /**
     * The words of the W+E refusal: {@code "\"%s\": W+E load segments are not allowed"} from
     * Android 9 (commit 9076b0c4e) to 15 QPR2; since c14f5454b the {@code DL_ERROR_AFTER(26, ...)}
     * message {@code "\"%s\" has load segments that are both writable and executable"}.
     */
    String writableExecutableMessage(String name) {
        return atLeast(ANDROID_16) ? "\"" + name + "\" has load segments that are both writable and executable"
                : "\"" + name + "\": W+E load segments are not allowed";
    }
}
