package org.elfmap.pages;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.elfmap.space.PageSize;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeader;
import org.elfmap.elf.SectionHeader;

/**
 * What Android Studio answers for the same file (APK Analyzer, lint {@code Aligned16KB}):
 * {@code sdk-common/.../com/android/ide/common/pagealign/PageAlignUtils.kt},
 * {@code verifyElfSectionAlignment}. Used only to say where it differs from the platform's policy:
 * its alignment test is {@code p_align % 16 KiB == 0} (so 0 passes and 0x6000 fails), and it takes
 * the last LOAD starting at or below RELRO as the container, reporting a RELRO that runs into the
 * next LOAD ({@code RelroEndNotAligned}) or lies below every LOAD ({@code RelroStartNotAligned}),
 * where elfpolicy passes both with a warning. It reads 64-bit little-endian files only.
 */
final class StudioPageAlign {
    /** Studio checks at 16 KiB only. */
    static final PageSize PAGE = PageSize.P16K;

    private StudioPageAlign() {
    }

    static Set<ProblemKind> kinds(ElfFile elf, Supplier<List<SectionHeader>> sections) {
        Set<ProblemKind> out = EnumSet.noneOf(ProblemKind.class);
        if (!elf.header().is64() || !elf.header().endian().equals("little")) {
            return out;
        }
        List<ProgramHeader> loads = elf.loads();
        // own lambdas, not Comparator.comparingLong/comparing: the JDK's are spun on first use (~5 ms), ours are in the AOT cache
        loads.stream().min((a, b) -> Long.compare(a.align(), b.align()))
                .filter(min -> !PAGE.aligned(min.align())).ifPresent(min -> out.add(ProblemKind.ALIGN));
        List<ProgramHeader> sorted = loads.stream().sorted((a, b) -> Long.compare(a.vaddr(), b.vaddr())).toList();
        for (ProgramHeader relro : elf.programHeaders()) {
            if (relro.type() != ProgramHeader.PT_GNU_RELRO) {
                continue;
            }
            int at = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (sorted.get(i).vaddr() <= relro.vaddr()) {
                    at = i;
                }
            }
            if (at < 0) {
                out.add(ProblemKind.RELRO_START);
                continue;
            }
            ProgramHeader load = sorted.get(at);
            long limit = at + 1 < sorted.size() ? sorted.get(at + 1).vaddr() : Long.MAX_VALUE;
            if (relro.memEndVaddr() > limit) {
                out.add(ProblemKind.RELRO_END);
                continue;
            }
            boolean start = PAGE.aligned(relro.vaddr()) || relro.vaddr() == load.vaddr();
            boolean end = PAGE.aligned(relro.memEndVaddr()) || relro.memEndVaddr() == load.memEndVaddr();
            if ((!start || !end) && !RelroContainer.sameSections(relro, load, sections.get())) {
                if (!start) {
                    out.add(ProblemKind.RELRO_START);
                }
                if (!end) {
                    out.add(ProblemKind.RELRO_END);
                }
            }
        }
        return out;
    }
}
