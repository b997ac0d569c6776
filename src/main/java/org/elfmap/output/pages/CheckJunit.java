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
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(new AttributeBreaks(out));
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
        attr(x, "name", name);
        attr(x, "package", "elfmap.check-pages");
        attr(x, "id", String.valueOf(id));
        attr(x, "timestamp", stamp.timestamp().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        attr(x, "hostname", stamp.hostname());
        CheckRun.Tally t = CheckRun.Tally.of(verdicts);
        long errors = verdicts.stream().filter(v -> v.fails() && malformed(v)).count();
        attr(x, "tests", String.valueOf(t.checked()));
        attr(x, "failures", String.valueOf(t.failed() - errors));
        attr(x, "errors", String.valueOf(errors));
        attr(x, "skipped", String.valueOf(t.notBinding()));
        attr(x, "time", "0");
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
        attr(x, "name", "paths not checked");
        attr(x, "package", "elfmap.check-pages");
        attr(x, "id", String.valueOf(id));
        attr(x, "timestamp", stamp.timestamp().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        attr(x, "hostname", stamp.hostname());
        attr(x, "tests", String.valueOf(errors.size()));
        attr(x, "failures", "0");
        attr(x, "errors", String.valueOf(errors.size()));
        attr(x, "skipped", "0");
        attr(x, "time", "0");
        x.writeCharacters("\n    ");
        x.writeEmptyElement("properties");
        for (String e : errors) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            attr(x, "name", e);
            attr(x, "classname", "paths not checked");
            attr(x, "time", "0");
            x.writeEmptyElement("error");
            attr(x, "message", e);
            attr(x, "type", "input");
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
        attr(x, "name", name);
        attr(x, "value", value);
    }

    private static void testcase(XMLStreamWriter x, CheckPagesReport report, String suite, FileVerdict v)
            throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("testcase");
        attr(x, "name", v.path().contains("!/") ? v.entry() : v.fileName());
        attr(x, "classname", suite);
        attr(x, "time", "0");
        Optional<Attribution> a = report.attribution(v);
        if (!v.ok()) {
            String kinds = v.problems().stream().map(p -> p.kind().label()).distinct().collect(Collectors.joining(", "));
            String details = v.problems().stream().map(p -> Messages.problem(v, p, a)).collect(Collectors.joining("\n"));
            if (!v.binding()) {
                x.writeStartElement("skipped");
                attr(x, "message", "not binding (" + PageText.notBinding(v) + "): " + kinds);
                x.writeCharacters(xml(details));
                x.writeEndElement();
            } else {
                x.writeStartElement(malformed(v) ? "error" : "failure");
                attr(x, "message", kinds + ": " + PageText.problem(v.problems().get(0))
                        + (v.problems().size() > 1 ? " (and " + (v.problems().size() - 1) + " more)" : ""));
                attr(x, "type", v.problems().get(0).kind().label());
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

    /**
     * An attribute: newlines, carriage returns and tabs as character references ({@code &#10;},
     * {@code &#13;}, {@code &#9;}), since a parser replaces each of them in an attribute with a
     * space (XML 1.0 §3.3.3, attribute-value normalization) and a name holding one (a zip entry
     * name may) would come back changed; every other control character as text shows it
     * ({@link Printable#line}). StAX has no way to write a character reference in an attribute, so
     * the three go through as stand-ins that {@link AttributeBreaks} turns into their references.
     */
    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        StringBuilder b = new StringBuilder(value.length());
        int from = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : 0;
            int stand = c == '\n' ? 0 : c == '\r' ? 1 : c == '\t' ? 2 : -1;
            if (i == value.length() || stand >= 0) {
                b.append(Printable.line(value.substring(from, i)));
                if (stand >= 0) {
                    b.append(AttributeBreaks.STAND_INS.charAt(stand));
                }
                from = i + 1;
            }
        }
        x.writeAttribute(name, b.toString());
    }

    /**
     * Writes {@link #attr}'s stand-ins as character references. No other text holds them: every
     * name and message written goes through {@link Printable}, which escapes all C0 controls.
     */
    private static final class AttributeBreaks extends java.io.FilterWriter {
        static final String STAND_INS = "\u0001\u0002\u0003";
        private static final String[] REFERENCES = {"&#10;", "&#13;", "&#9;"};

        AttributeBreaks(java.io.Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws java.io.IOException {
            int k = STAND_INS.indexOf(c);
            if (k >= 0) {
                out.write(REFERENCES[k]);
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws java.io.IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                int k = STAND_INS.indexOf(cbuf[i]);
                if (k >= 0) {
                    out.write(cbuf, start, i - start);
                    out.write(REFERENCES[k]);
                    start = i + 1;
                }
            }
            out.write(cbuf, start, off + len - start);
        }

        @Override
        public void write(String str, int off, int len) throws java.io.IOException {
            write(str.toCharArray(), off, len);
        }
    }

    private static boolean malformed(FileVerdict v) {
        return v.problems().stream().map(PageProblem::kind).anyMatch(k -> k == ProblemKind.MALFORMED);
    }
}
