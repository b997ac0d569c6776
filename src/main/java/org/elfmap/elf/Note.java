package org.elfmap.elf;

/**
 * One entry of a PT_NOTE segment (gABI "Note Section"): owner name, type and the first bytes of
 * its descriptor (enough for ABI tags and Android's padding note, never more than 64 bytes).
 */
public record Note(String name, int type, byte[] desc) {
    public static final int NT_GNU_ABI_TAG = 1;
    public static final int NT_ANDROID_TYPE_IDENT = 1;
    /** Android's request that the linker pad segments over the gaps (bionic {@code linker_phdr.cpp}). */
    public static final int NT_ANDROID_TYPE_PAD_SEGMENT = 4;

    public boolean is(String owner, int noteType) {
        return name.equals(owner) && type == noteType;
    }
}
