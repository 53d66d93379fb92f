package io.trailaudit.testing;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Jenkins xunit-plugin {@code junit-10.xsd}, copied under {@code src/test/resources/schemas}.
 */
public final class JunitSchema {
  private JunitSchema() {}

  /** The schema violations of a JUnit XML document, each with its line: empty when valid. */
  public static List<String> validate(String xml) throws Exception {
    URL xsd = JunitSchema.class.getResource("/schemas/junit-10.xsd");
    if (xsd == null) {
      throw new IllegalStateException("no schema resource /schemas/junit-10.xsd");
    }
    Validator validator =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator();
    List<String> errors = new ArrayList<>();
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            errors.add(e.getLineNumber() + ": " + e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) {
            errors.add(e.getLineNumber() + ": " + e.getMessage());
          }
        });
    try {
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXException e) {
      if (errors.isEmpty()) {
        errors.add(e.getMessage());
      }
    }
    return errors;
  }
}
