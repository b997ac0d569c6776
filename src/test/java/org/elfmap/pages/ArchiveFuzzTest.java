package org.elfmap.pages;

import org.elfmap.testkit.Checkers;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.PageSize;

/**
 * Any bytes, scanned as an APK ({@code check-pages app.apk}): a verdict for each library entry
 * (broken entries and a broken archive are verdicts with a {@code malformed} problem), never an
 * exception other than the project's own, in bounded time. Inputs: the arm64 fixture APKs, AAB
 * and corrupt zips under {@code src/test/resources/org/elfmap/pages/ArchiveFuzzTestInputs/}. To
 * fuzz: {@code JAZZER_FUZZ=1 mvn -B test -Dtest=ArchiveFuzzTest} (docs/reliability.md).
 */
class ArchiveFuzzTest {
    private static final Path FILE = scratch();

    private static Path scratch() {
        try {
            return Files.createTempDirectory("elfmap-fuzz-apk").resolve("fuzz.apk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void scanApk(byte[] data) throws IOException {
        Files.write(FILE, data);
        List<FileVerdict> verdicts = new ArrayList<>();
        PageChecker checker = Checkers.checker(new CheckOptions(PageSize.P16K, false, List.of(PageSize.P4K),
                Optional.empty()), verdicts::add);
        try {
            checker.check(FILE);
        } catch (BadInputException e) {
            if (e.getMessage().indexOf('\n') >= 0) {
                throw new AssertionError("message on more than one line: " + e.getMessage(), e);
            }
            return;
        }
        for (FileVerdict v : verdicts) {
            if (!v.path().startsWith(FILE.toString())) {
                throw new AssertionError("verdict for another file: " + v.path());
            }
            // the domain keeps the archive's own bytes; what reaches a terminal is one line per problem
            for (PageProblem p : v.problems()) {
                String detail = org.elfmap.Printable.line(org.elfmap.output.pages.PageText.problem(p));
                if (detail.indexOf('\n') >= 0) {
                    throw new AssertionError("problem on more than one line: " + detail);
                }
            }
        }
    }
}
