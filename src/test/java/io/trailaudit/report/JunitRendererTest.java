package io.trailaudit.report;

import static io.trailaudit.report.RenderFixture.NOW;
import static io.trailaudit.report.RenderFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * JUnit XML edge cases beyond the contract's golden files: values that need escaping or cannot be
 * written in XML 1.0, and notices of a run with no check.
 */
class JunitRendererTest {
  static String render(List<Finding> findings, List<Notice> notices) throws Exception {
    return RenderFixture.render(
        new JunitRenderer(), report(List.of("us-east-1"), findings, notices));
  }

  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static Element suite(Document doc, String name) {
    NodeList suites = doc.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      Element e = (Element) suites.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testsuite " + name);
  }

  @Test
  void specialCharactersAreEscapedAndRoundTrip() throws Exception {
    String arn = "arn:aws:s3:::b<&\">";
    Finding f =
        new Finding(
            "log-bucket/versioning",
            "log-bucket",
            "versioning",
            Status.FAIL,
            Severity.HIGH,
            "111111111111",
            "us-east-1",
            arn,
            "bucket <b> & \"quoted\" 'single' é \u0001",
            "aws s3api put-bucket-versioning --bucket 'b<&>'",
            List.of(),
            null);
    String xml = render(List.of(f), List.of(new Notice("suppression-unused", "a <b> & \"c\"")));
    assertThat(xml)
        .doesNotContain("<b>")
        .doesNotContain("\u0001")
        .contains("&lt;")
        .contains("&amp;");
    Document doc = parse(xml);
    Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("name")).endsWith(arn);
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("bucket <b> & \"quoted\" 'single' é ");
    assertThat(failure.getTextContent()).contains("--bucket 'b<&>'");
    Element property = (Element) doc.getElementsByTagName("property").item(0);
    assertThat(property.getAttribute("name")).isEqualTo("notice.suppression-unused");
    assertThat(property.getAttribute("value")).isEqualTo("a <b> & \"c\"");
  }

  @Test
  void noticesWithoutChecksGetASuiteOfTheirOwn() throws Exception {
    AuditReport r =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            NOW,
            new Scope("live", NOW, null, List.of(), List.of(), List.of()),
            List.of(),
            List.of(new Notice(Notice.SUPPRESSION_EXPIRED, "expired")));
    Element suite = suite(parse(RenderFixture.render(new JunitRenderer(), r)), "trailaudit");
    assertThat(suite.getAttribute("tests")).isEqualTo("0");
    assertThat(suite.getElementsByTagName("property").getLength()).isEqualTo(1);
  }
}
