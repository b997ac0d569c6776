package org.elfmap.output.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.elfmap.pages.FileVerdict;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * JUnit XML output validated against the Ant JUnit schema (windyroad JUnit.xsd, committed under
 * src/test/resources/schemas) and parsed back: a testcase per library and ABI, failures,
 * errors and skips where the verdicts say.
 */
class CheckJunitTest {
    static final Path ARM64 = Path.of("src/test/resources/fixtures/arm64");

    static String render(CheckPagesReport r) {
        StringWriter s = new StringWriter();
        new CheckJunit("ci-runner", LocalDateTime.of(2026, 11, 30, 12, 0, 1)).render(r, new PrintWriter(s));
        return s.toString();
    }

    static void validate(String xml) throws Exception {
        JunitSchema.validate(xml);
    }

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void theOutputIsValidAntJunitXmlAndTheSchemaCatchesBrokenOutput() throws Exception {
        String xml = render(AndroidWorld.report(true, ARM64.resolve("corrupt.apk"), ARM64.resolve("app-truncated-so.apk")));
        validate(xml);
        assertThatThrownBy(() -> validate(xml.replaceFirst(" classname=\"[^\"]*\"", "")))
                .isInstanceOf(SAXException.class).hasMessageContaining("classname");
    }

    @Test
    void oneTestcasePerLibraryAndAbiWithFailuresErrorsAndSkips() throws Exception {
        CheckPagesReport r = AndroidWorld.report(true, ARM64.resolve("app-truncated-so.apk"));
        Document d = parse(render(r));
        NodeList cases = d.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(r.verdicts().size());
        List<String> names = new ArrayList<>();
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(((Element) c.getParentNode()).getAttribute("name") + "!/" + c.getAttribute("name"));
            failures += c.getElementsByTagName("failure").getLength();
            errors += c.getElementsByTagName("error").getLength();
            skipped += c.getElementsByTagName("skipped").getLength();
        }
        assertThat(names).contains(
                "src/test/resources/fixtures/android/project/app/build/outputs/apk/release/app-release.apk!/lib/arm64-v8a/libpdfium.so",
                "src/test/resources/fixtures/android/project/app/build/outputs/apk/release/app-release.apk!/lib/x86_64/libpdfium.so",
                "src/test/resources/fixtures/android/project/app/build/outputs/apk/release/app-release.apk!/lib/armeabi-v7a/libpdfium.so",
                "src/test/resources/fixtures/android/project/app/build/outputs/bundle/release/app-release.aab!/camera/lib/arm64-v8a/libcam.so");
        // the fixture world: 9 libraries fail, of which app-truncated-so.apk's libcut.so is unreadable (an
        // error); the two armeabi-v7a copies of libpdfium have problems that do not bind (skipped)
        assertThat(errors).isEqualTo(1);
        assertThat(failures).isEqualTo(8);
        assertThat(skipped).isEqualTo(2);
        // every suite's counts add up to its testcases
        NodeList suites = d.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element s = (Element) suites.item(i);
            assertThat(Integer.parseInt(s.getAttribute("tests"))).isEqualTo(s.getElementsByTagName("testcase").getLength());
            assertThat(Integer.parseInt(s.getAttribute("failures"))).isEqualTo(s.getElementsByTagName("failure").getLength());
        }
        // a failure names every problem and its fix
        Element pdfium = byName(cases, "lib/arm64-v8a/libpdfium.so");
        Element f = (Element) pdfium.getElementsByTagName("failure").item(0);
        assertThat(f.getAttribute("type")).isEqualTo("align");
        assertThat(f.getTextContent()).contains("Fix: upgrade com.example.pdf:pdfium past version 1.2.0");
    }

    private static Element byName(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void looseFilesAreGroupedByDirectory() throws Exception {
        List<FileVerdict> v = new ArrayList<>();
        org.elfmap.testkit.Checkers.checker(new org.elfmap.pages.CheckOptions(org.elfmap.space.PageSize.P16K, false,
                List.of(), java.util.Optional.empty()), v::add).check(ARM64.resolve("crafted"));
        String xml = render(new CheckPagesReport(org.elfmap.space.PageSize.P16K, v, java.util.Map.of(), Path.of("")));
        validate(xml);
        Document d = parse(xml);
        assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
                .isEqualTo(ARM64.resolve("crafted").toString());
    }

    /**
     * An entry name holding a newline, a tab and a carriage return: in an attribute each is
     * written as a character reference, since a parser would turn a raw one into a space (XML 1.0
     * §3.3.3), so the name parses back exactly; the element text keeps its line breaks.
     */
    @Test
    void newlinesTabsAndReturnsInAttributesAreCharacterReferences(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        String entry = "lib/arm64-v8a/li\nb\tx\r.so";
        Path apk = tmp.resolve("odd.apk");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(apk))) {
            z.putNextEntry(new java.util.zip.ZipEntry(entry));
            z.write(java.nio.file.Files.readAllBytes(ARM64.resolve("arm64-4k.so")));
            z.closeEntry();
        }
        List<FileVerdict> v = new ArrayList<>();
        org.elfmap.testkit.Checkers.checker(new org.elfmap.pages.CheckOptions(org.elfmap.space.PageSize.P16K, false,
                List.of(), java.util.Optional.empty()), v::add).check(apk);
        String xml = render(new CheckPagesReport(org.elfmap.space.PageSize.P16K, v, java.util.Map.of(), Path.of("")));
        validate(xml);
        assertThat(xml).contains("name=\"lib/arm64-v8a/li&#10;b&#9;x&#13;.so\"").doesNotContain("\u0001")
                .doesNotContain("\u0002").doesNotContain("\u0003");
        Element testcase = (Element) parse(xml).getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo(entry);
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).contains("\n");
    }
}
