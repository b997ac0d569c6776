package org.elfmap.output.pages;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.elfmap.BadInputException;
import org.elfmap.Printable;
import org.elfmap.output.Renderer;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageNote;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.TreeWalk;
import org.elfmap.pages.origin.Attribution;

/**
 * check-pages as GitHub Actions workflow commands: {@code ::error file=F,line=L,title=T::message}
 * per problem of a failing library ({@code ::warning} for one the rule does not bind, and for a
 * RELRO that bionic's rounding would break though every rule passes), then a summary line. The
 * escaping is the Actions toolkit's ({@code @actions/core}, {@code command.ts}: {@code escapeData}
 * and {@code escapeProperty}). {@link #summary} is the Markdown for {@code $GITHUB_STEP_SUMMARY}.
 */
public final class CheckGithub implements Renderer<CheckRun> {
    private final Supplier<Optional<Path>> stepSummary;

    /**
     * The step summary where the runner says: {@code $GITHUB_STEP_SUMMARY}, when set; read when
     * the report is written, not when the renderer is made.
     */
    public CheckGithub() {
        this.stepSummary = () -> Optional.ofNullable(System.getenv("GITHUB_STEP_SUMMARY")).filter(s -> !s.isBlank())
                .map(Path::of);
    }

    /** A fixed step summary file, or none (tests). */
    public CheckGithub(Optional<Path> stepSummary) {
        this.stepSummary = () -> stepSummary;
    }

    /** The annotations on {@code out}; the Markdown summary appended to the step summary file, if any. */
    @Override
    public void render(CheckRun run, PrintWriter out) {
        CheckPagesReport report = CheckPagesReport.of(run);
        render(report, out);
        Optional<Path> file = stepSummary.get();
        if (file.isPresent()) {
            try {
                Files.writeString(file.get(), summary(report), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                throw new BadInputException("$GITHUB_STEP_SUMMARY", "cannot append the summary to "
                        + Printable.line(file.get().toString()) + ": " + why(file.get(), e));
            }
        }
    }

    /**
     * The system's reason, not the file's name again (the JDK's message of a
     * {@code NoSuchFileException} is only the path): appending creates the file, so "no such file"
     * means its directory is missing; any other failure in {@link TreeWalk#reason}'s words.
     */
    private static String why(Path file, Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            Path dir = file.toAbsolutePath().getParent();
            return "no such directory" + (dir == null ? "" : " (" + Printable.line(dir.toString()) + ")");
        }
        return e instanceof IOException io ? TreeWalk.reason(io) : String.valueOf(e.getMessage());
    }

    public void render(CheckPagesReport report, PrintWriter out) {
        for (FileVerdict v : report.verdicts()) {
            CheckPagesReport.Location loc = report.location(v);
            Optional<Attribution> a = report.attribution(v);
            for (PageProblem p : v.problems()) {
                command(out, v.binding() ? "error" : "warning", loc, "elfmap " + p.kind().label() + ": " + v.fileName()
                        + v.abi().map(abi -> " (" + abi + ")").orElse(""), Messages.problem(v, p, a));
            }
            for (PageNote n : v.notes()) {
                if (n instanceof PageNote.RelroRounding) {
                    command(out, "warning", loc, "elfmap relro: " + v.fileName(), v.path() + ": " + PageText.note(n));
                }
            }
        }
        for (String e : report.inputErrors()) {
            out.println("::error title=" + property("elfmap check-pages") + "::" + data(e));
        }
        out.println(TextSummary.line(report));
    }

    private static void command(PrintWriter out, String level, CheckPagesReport.Location loc, String title, String message) {
        StringBuilder b = new StringBuilder("::").append(level).append(" file=").append(property(loc.file()));
        loc.line().ifPresent(l -> b.append(",line=").append(l));
        b.append(",title=").append(property(title)).append("::").append(data(message));
        out.println(b);
    }

    /**
     * {@code escapeData}: % CR LF. A file or entry name may hold any other control character too
     * (an ESC would colour the log): those are written {@code \xNN} first ({@link Printable#text}).
     */
    static String data(String s) {
        return Printable.text(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"));
    }

    /** {@code escapeProperty}: % CR LF, and the separators : and ,. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** A Markdown report for the job's summary page: the verdict, then a table of every library with problems. */
    public static String summary(CheckPagesReport report) {
        StringBuilder b = new StringBuilder();
        b.append("### elfmap check-pages: ").append(report.page().label()).append(" pages\n\n");
        boolean passed = report.tally().failed() == 0 && report.inputErrors().isEmpty();
        b.append(passed ? ":white_check_mark: " : ":x: ").append(TextSummary.line(report)).append("\n\n");
        if (report.verdicts().stream().allMatch(FileVerdict::ok)) {
            return b.toString();
        }
        b.append("| library | ABI | problems | from | fix |\n|---|---|---|---|---|\n");
        for (FileVerdict v : report.verdicts()) {
            if (v.ok()) {
                continue;
            }
            Optional<Attribution> a = report.attribution(v);
            b.append("| ").append(cell("`" + v.entry() + "`" + (v.path().contains("!/") ? " in `" + v.container() + "`" : "")))
                    .append(v.binding() ? "" : " (not binding)")
                    .append(" | ").append(cell(v.abi().orElse("")))
                    .append(" | ").append(cell(v.problems().stream().map(p -> p.kind().label()).distinct()
                            .collect(Collectors.joining(", "))))
                    .append(" | ").append(cell(a.flatMap(Attribution::coordinate).map(c -> c.display()
                            + a.flatMap(Attribution::via).map(via -> " via " + via).orElse("")).orElse("")))
                    .append(" | ").append(cell(v.problems().stream().map(p -> FixAdvice.of(p, a)).distinct()
                            .collect(Collectors.joining("<br>"))))
                    .append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
