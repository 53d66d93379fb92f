package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** The demo audit as JUnit XML: valid against the Jenkins xunit-plugin junit-10.xsd. */
class JunitReportTest {
  static List<String> validate(String xml) throws Exception {
    URL xsd = JunitReportTest.class.getResource("/schemas/junit-10.xsd");
    assertThat(xsd).as("schema resource").isNotNull();
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
    validator.validate(new StreamSource(new StringReader(xml)));
    return errors;
  }

  @Test
  void demoJunitValidatesAgainstTheSchema() throws Exception {
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "junit");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(validate(r.out())).isEmpty();
    assertThat(r.out())
        .contains("<testsuites name=\"trailaudit\" tests=\"127\" failures=\"55\" errors=\"1\">")
        .contains("<testsuite name=\"organization-trail\"")
        .contains("type=\"ERROR\">key arn:aws:kms:us-east-1:222222222222:key/")
        .contains("kms:GetKeyRotationStatus failed: AccessDeniedException");
  }

  @Test
  void schemaValidationCatchesAnInvalidReport() throws Exception {
    assertThat(validate("<testsuites><testsuite name=\"x\"/><system-out/></testsuites>"))
        .isNotEmpty();
  }

  @Test
  void junitToAnOutputFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("trailaudit.xml");
    CliTest.Result r =
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "JUNIT", "-o", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(validate(Files.readString(out))).isEmpty();
    assertThat(CliTest.run("audit", "--help").out())
        .contains("Report format: TEXT, JSON, SARIF, JUNIT, ASFF");
  }
}
