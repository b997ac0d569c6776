package org.elfmap.pages;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.elfmap.elf.ByteSource;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.Note;

/**
 * What identifies a library's bytes wherever they travel: its SHA-256 (the same file in an AAR
 * and in the APK built from it) and its GNU build ID, which stripping keeps (AGP strips the
 * libraries it packages, which changes the bytes but not the {@code NT_GNU_BUILD_ID} note).
 */
public record LibraryIdentity(String fileName, long size, String sha256, Optional<String> buildId) {
    /** {@code NT_GNU_BUILD_ID} (elf.h): the build ID note's type, owner "GNU". */
    public static final int NT_GNU_BUILD_ID = 3;
    private static final int CHUNK = 1 << 16;

    public static LibraryIdentity of(String fileName, ByteSource bytes, ElfFile elf) throws IOException {
        return new LibraryIdentity(fileName, bytes.size(), sha256(bytes), buildId(elf));
    }

    public static Optional<String> buildId(ElfFile elf) {
        return elf.notes().stream().filter(n -> n.is("GNU", NT_GNU_BUILD_ID) && n.desc().length > 0)
                .map(Note::desc).map(HexFormat.of()::formatHex).findFirst();
    }

    public static String sha256(ByteSource bytes) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (long at = 0; at < bytes.size(); at += CHUNK) {
            ByteBuffer b = bytes.read(at, (int) Math.min(CHUNK, bytes.size() - at));
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
