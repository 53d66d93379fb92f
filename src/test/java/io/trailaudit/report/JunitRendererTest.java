package io.trailaudit.report;

import static io.trailaudit.report.SarifRendererTest.NOW;
import static io.trailaudit.report.SarifRendererTest.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.testing.Catalogs;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitRendererTest {
  static final String BUCKET = "arn:aws:s3:::logs-bucket";

  static String render(List<Finding> findings, List<Notice> notices) throws Exception {
    AuditReport r =
        AuditReport.of(
            Catalogs.builtIn(),
            "1.0",
            NOW,
            new Scope(
                "snapshot:x.json",
                Instant.parse("2025-12-31T00:00:00Z"),
                null,
                List.of("111111111111"),
                List.of("us-east-1"),
                List.of("organization-trail", "log-bucket")),
            findings,
            notices);
    StringWriter out = new StringWriter();
    new JunitRenderer().render(r, out);
    return out.toString();
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
  void oneSuitePerCheckWithCountsAndOneCasePerFinding() throws Exception {
    Document doc =
        parse(
            render(
                List.of(
                    finding("log-bucket/versioning", Status.FAIL, Severity.CRITICAL, BUCKET),
                    finding("log-bucket/mfa-delete", Status.MUTED, Severity.MEDIUM, BUCKET),
                    finding("log-bucket/object-lock", Status.NOT_APPLICABLE, Severity.LOW, BUCKET),
                    finding("log-bucket/public-access", Status.ERROR, Severity.HIGH, BUCKET),
                    finding("log-bucket/access-logging", Status.PASS, Severity.LOW, BUCKET)),
                List.of()));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("name")).isEqualTo("trailaudit");
    assertThat(root.getAttribute("tests")).isEqualTo("5");
    assertThat(root.getAttribute("failures")).isEqualTo("1");
    assertThat(root.getAttribute("errors")).isEqualTo("1");
    assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(2);
    assertThat(suite(doc, "organization-trail").getAttribute("tests")).isEqualTo("0");
    Element bucket = suite(doc, "log-bucket");
    assertThat(bucket.getAttribute("tests")).isEqualTo("5");
    assertThat(bucket.getAttribute("failures")).isEqualTo("1");
    assertThat(bucket.getAttribute("errors")).isEqualTo("1");
    assertThat(bucket.getAttribute("skipped")).isEqualTo("2");
    assertThat(bucket.getAttribute("timestamp")).isEqualTo("2026-01-01T00:00:00Z");

    NodeList cases = bucket.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(5);
    Element failure = (Element) bucket.getElementsByTagName("failure").item(0);
    Element failed = (Element) failure.getParentNode();
    assertThat(failed.getAttribute("classname")).isEqualTo("log-bucket");
    assertThat(failed.getAttribute("name"))
        .isEqualTo("log-bucket/versioning 111111111111 us-east-1 " + BUCKET);
    assertThat(failure.getAttribute("type")).isEqualTo("CRITICAL");
    assertThat(failure.getAttribute("message")).isEqualTo("observed log-bucket/versioning");
    assertThat(failure.getTextContent())
        .contains("observed log-bucket/versioning")
        .contains("Remediation:\naws s3api fix --bucket b");

    String xml = render(List.of(), List.of());
    assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }

  @Test
  void errorMutedNotApplicableAndPassElements() throws Exception {
    Document doc =
        parse(
            render(
                List.of(
                    finding("log-bucket/public-access", Status.ERROR, Severity.HIGH, BUCKET),
                    finding("log-bucket/mfa-delete", Status.MUTED, Severity.MEDIUM, BUCKET),
                    finding("log-bucket/object-lock", Status.NOT_APPLICABLE, Severity.LOW, BUCKET),
                    finding("log-bucket/access-logging", Status.PASS, Severity.LOW, BUCKET)),
                List.of()));
    Element error = (Element) doc.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("ERROR");
    assertThat(error.getAttribute("message")).isEqualTo("observed log-bucket/public-access");
    NodeList skipped = doc.getElementsByTagName("skipped");
    assertThat(skipped.getLength()).isEqualTo(2);
    List<String> messages =
        List.of(
            ((Element) skipped.item(0)).getAttribute("message"),
            ((Element) skipped.item(1)).getAttribute("message"));
    assertThat(messages)
        .containsExactlyInAnyOrder(
            "muted: accepted until the migration, ticket SEC-42",
            "not applicable: observed log-bucket/object-lock");
    assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    for (int i = 0; i < doc.getElementsByTagName("testcase").getLength(); i++) {
      Element c = (Element) doc.getElementsByTagName("testcase").item(i);
      if (c.getAttribute("name").startsWith("log-bucket/access-logging ")) {
        assertThat(c.getChildNodes().getLength()).isZero();
      }
    }
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
    StringWriter out = new StringWriter();
    new JunitRenderer().render(r, out);
    Element suite = suite(parse(out.toString()), "trailaudit");
    assertThat(suite.getAttribute("tests")).isEqualTo("0");
    assertThat(suite.getElementsByTagName("property").getLength()).isEqualTo(1);
  }
}
