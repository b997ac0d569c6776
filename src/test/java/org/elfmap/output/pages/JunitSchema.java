package org.elfmap.output.pages;

import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

/** The Ant JUnit schema (windyroad JUnit.xsd, committed under src/test/resources/schemas). */
public final class JunitSchema {
    private JunitSchema() {
    }

    /** Throws when {@code xml} is not valid against JUnit.xsd. */
    public static void validate(String xml) throws Exception {
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("src/test/resources/schemas/JUnit.xsd").toFile())
                .newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
