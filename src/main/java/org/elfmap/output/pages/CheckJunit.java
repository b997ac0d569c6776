package org.elfmap.output.pages;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.elfmap.Printable;
import org.elfmap.output.Renderer;
import org.elfmap.pages.FileVerdict;
import org.elfmap.pages.PageProblem;
import org.elfmap.pages.ProblemKind;
import org.elfmap.pages.origin.Attribution;

/**
 * check-pages as JUnit XML, the Apache Ant format CI systems read (GitLab, Jenkins, Azure, the
 * GitHub test-report actions): a {@code testsuite} per archive (or directory of loose files),
 * a {@code testcase} per library and ABI ({@code lib/arm64-v8a/libfoo.so}); a failing library
 * has one {@code failure} listing every problem with its fix, an unreadable one an {@code error},
 * one with problems the rule does not bind (32-bit) is {@code skipped}. Valid against the Ant
 * schema (windyroad JUnit-Schema, {@code JUnit.xsd}): every required attribute and element is
 * written.
 */
public final class CheckJunit implements Renderer<CheckRun> {
    private final Supplier<String> host;
    private final Supplier<LocalDateTime> clock;

    /**
     * This host (the kernel's name, no DNS lookup) and the time of the run, both read when the
     * report is written: creating the renderer reads nothing (it is made before the scan).
     */
    public CheckJunit() {
        this(CheckJunit::kernelHostname, LocalDateTime::now);
    }

    /** A fixed host and time (tests). */
    public CheckJunit(String hostname, LocalDateTime timestamp) {
        this(() -> hostname, () -> timestamp);
    }

    private CheckJunit(Supplier<String> host, Supplier<LocalDateTime> clock) {
        this.host = host;
        this.clock = clock;
    }

    private static String kernelHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    @Override
    public void render(CheckRun run, PrintWriter out) {
        render(CheckPagesReport.of(run), out);
    }

    public void render(CheckPagesReport report, PrintWriter out) {
        String name = host.get();
        Stamp stamp = new Stamp(name.isBlank() ? "localhost" : name, clock.get().truncatedTo(ChronoUnit.SECONDS));
        Map<String, List<FileVerdict>> suites = new LinkedHashMap<>();
        for (FileVerdict v : report.verdicts()) {
            suites.computeIfAbsent(suite(v), k -> new ArrayList<>()).add(v);
        }
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            int id = 0;
            for (Map.Entry<String, List<FileVerdict>> s : suites.entrySet()) {
                suite(x, report, stamp, s.getKey(), s.getValue(), id++);
            }
            if (!report.inputErrors().isEmpty()) {
                notChecked(x, report.inputErrors(), stamp, id);
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML", e);
        }
        out.println();
    }

    /** The archive of an entry; the directory of a loose file. */
    private static String suite(FileVerdict v) {
        if (v.path().contains("!/")) {
            return v.container();
        }
        int slash = v.path().lastIndexOf('/');
        return slash <= 0 ? "." : v.path().substring(0, slash);
    }

    /** Where and when the run was made, as every suite says. */
    private record Stamp(String hostname, LocalDateTime timestamp) {
    }

    private static void suite(XMLStreamWriter x, CheckPagesReport report, Stamp stamp, String name, List<FileVerdict> verdicts, int id)
            throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", xml(name));
        x.writeAttribute("package", "elfmap.check-pages");
        x.writeAttribute("id", String.valueOf(id));
        x.writeAttribute("timestamp", stamp.timestamp().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        x.writeAttribute("hostname", xml(stamp.hostname()));
        CheckRun.Tally t = CheckRun.Tally.of(verdicts);
        long errors = verdicts.stream().filter(v -> v.fails() && malformed(v)).count();
        x.writeAttribute("tests", String.valueOf(t.checked()));
        x.writeAttribute("failures", String.valueOf(t.failed() - errors));
        x.writeAttribute("errors", String.valueOf(errors));
        x.writeAttribute("skipped", String.valueOf(t.notBinding()));
        x.writeAttribute("time", "0");
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "pageSize", String.valueOf(report.page().bytes()));
        x.writeEndElement();
        for (FileVerdict v : verdicts) {
            testcase(x, report, name, v);
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeStartElement("system-err");
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    /**
     * The paths named that could not be checked (the run exits 2): a suite of their own, a
     * testcase per path with its {@code error}, as the schema wants an error inside a testcase.
     */
    private static void notChecked(XMLStreamWriter x, List<String> errors, Stamp stamp, int id)
            throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", "paths not checked");
        x.writeAttribute("package", "elfmap.check-pages");
        x.writeAttribute("id", String.valueOf(id));
        x.writeAttribute("timestamp", stamp.timestamp().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        x.writeAttribute("hostname", xml(stamp.hostname()));
        x.writeAttribute("tests", String.valueOf(errors.size()));
        x.writeAttribute("failures", "0");
        x.writeAttribute("errors", String.valueOf(errors.size()));
        x.writeAttribute("skipped", "0");
        x.writeAttribute("time", "0");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("properties");
        for (String e : errors) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("name", xml(e));
            x.writeAttribute("classname", "paths not checked");
            x.writeAttribute("time", "0");
            x.writeEmptyElement("error");
            x.writeAttribute("message", xml(e));
            x.writeAttribute("type", "input");
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-out");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("system-err");
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", xml(name));
        x.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter x, CheckPagesReport report, String suite, FileVerdict v)
            throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        x.writeAttribute("name", xml(v.path().contains("!/") ? v.entry() : v.fileName()));
        x.writeAttribute("classname", xml(suite));
        x.writeAttribute("time", "0");
        Optional<Attribution> a = report.attribution(v);
        if (!v.ok()) {
            String kinds = v.problems().stream().map(p -> p.kind().label()).distinct().collect(Collectors.joining(", "));
            String details = v.problems().stream().map(p -> Messages.problem(v, p, a)).collect(Collectors.joining("\n"));
            if (!v.binding()) {
                x.writeStartElement("skipped");
                x.writeAttribute("message", xml("not binding (" + PageText.notBinding(v) + "): " + kinds));
                x.writeCharacters(xml(details));
                x.writeEndElement();
            } else {
                x.writeStartElement(malformed(v) ? "error" : "failure");
                x.writeAttribute("message", xml(kinds + ": " + PageText.problem(v.problems().get(0))
                        + (v.problems().size() > 1 ? " (and " + (v.problems().size() - 1) + " more)" : "")));
                x.writeAttribute("type", v.problems().get(0).kind().label());
                x.writeCharacters(xml(details));
                x.writeEndElement();
            }
        }
        x.writeEndElement();
    }

    /**
     * Text XML 1.0 can hold: names from archives may carry control characters and lone
     * surrogates, which no XML document may; they are written {@code \xNN} ({@link Printable#text}),
     * line by line so that the newlines between problems stay.
     */
    static String xml(String s) {
        return s.lines().map(Printable::text).collect(Collectors.joining("\n"));
    }

    private static boolean malformed(FileVerdict v) {
        return v.problems().stream().map(PageProblem::kind).anyMatch(k -> k == ProblemKind.MALFORMED);
    }
}
