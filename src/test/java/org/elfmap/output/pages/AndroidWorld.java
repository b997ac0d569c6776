package org.elfmap.output.pages;

import org.elfmap.testkit.Checkers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elfmap.pages.CheckOptions;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageChecker;
import org.elfmap.pages.origin.Attribution;
import org.elfmap.pages.origin.Attributor;
import org.elfmap.pages.origin.GradleDependencyReport;
import org.elfmap.pages.origin.ProjectDeclarations;
import org.elfmap.space.PageSize;

/** check-pages over the Android world of fixtures/arm64/android.py, as the renderers get it. */
final class AndroidWorld {
    static final Path WORLD = Path.of("src/test/resources/fixtures/android");
    static final Path PROJECT = WORLD.resolve("project");
    static final Path OUTPUTS = PROJECT.resolve("app/build/outputs");
    static final List<Path> DEPS = List.of(WORLD.resolve("gradle-cache"), WORLD.resolve("maven-repo"),
            PROJECT.resolve("node_modules"));

    private AndroidWorld() {
    }

    /** The outputs directory checked at 16 KiB, attributed, with the project's lines when {@code withProject}. */
    static CheckPagesReport report(boolean withProject, Path... extra) throws Exception {
        List<FileVerdict> verdicts = new ArrayList<>();
        PageChecker c = Checkers.checker(new CheckOptions(PageSize.P16K, false, List.of(), Optional.empty(), true),
                verdicts::add);
        c.check(OUTPUTS);
        for (Path p : extra) {
            c.check(p);
        }
        Map<String, Attribution> a = new Attributor(DEPS,
                Optional.of(GradleDependencyReport.read(WORLD.resolve("dependencies.txt"))),
                withProject ? Optional.of(ProjectDeclarations.scan(PROJECT)) : Optional.empty()).attribute(verdicts);
        return new CheckPagesReport(PageSize.P16K, verdicts, a, Path.of(""));
    }
}
