package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test-report views (Jenkins, GitLab, Azure DevOps), valid against the Jenkins
 * xunit-plugin {@code junit-10.xsd}: one {@code testsuite} per check that ran, one {@code testcase}
 * per finding. FAIL is a {@code failure} typed with the severity, ERROR an {@code error}, MUTED and
 * NOT_APPLICABLE are {@code skipped} with the reason, PASS an empty test case. That schema allows
 * nothing but test suites in {@code testsuites}, so the run's notices are {@code property} elements
 * named {@code notice.KIND} in the first test suite.
 */
public final class JunitRenderer implements Renderer {
  private static final String INDENT = "  ";

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      write(report, xml);
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    out.write(System.lineSeparator());
  }

  private static void write(AuditReport report, XMLStreamWriter xml) throws XMLStreamException {
    Map<String, List<Finding>> suites = suites(report);
    Summary total = report.summary();
    xml.writeStartDocument("UTF-8", "1.0");
    newline(xml, 0);
    xml.writeStartElement("testsuites");
    xml.writeAttribute("name", report.tool());
    xml.writeAttribute("tests", Integer.toString(total.total()));
    xml.writeAttribute("failures", Integer.toString(total.count(Status.FAIL)));
    xml.writeAttribute("errors", Integer.toString(total.count(Status.ERROR)));
    boolean first = true;
    for (Map.Entry<String, List<Finding>> suite : suites.entrySet()) {
      writeSuite(
          report, suite.getKey(), suite.getValue(), first ? report.notices() : List.of(), xml);
      first = false;
    }
    newline(xml, 0);
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  /**
   * Findings by check, worst check first and each suite worst first ({@link ReportOrder}), then the
   * checks that ran without findings in scope order. A report with notices but no check still gets
   * one suite, named after the tool, to hold them.
   */
  static Map<String, List<Finding>> suites(AuditReport report) {
    Map<String, List<Finding>> suites = ReportOrder.byCheck(report.findings());
    report.scope().checks().forEach(id -> suites.computeIfAbsent(id, k -> new ArrayList<>()));
    if (suites.isEmpty() && !report.notices().isEmpty()) {
      suites.put(report.tool(), List.of());
    }
    return suites;
  }

  private static void writeSuite(
      AuditReport report,
      String checkId,
      List<Finding> findings,
      List<Notice> notices,
      XMLStreamWriter xml)
      throws XMLStreamException {
    Summary counts = Summary.of(findings);
    newline(xml, 1);
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", checkId);
    xml.writeAttribute("tests", Integer.toString(counts.total()));
    xml.writeAttribute("failures", Integer.toString(counts.count(Status.FAIL)));
    xml.writeAttribute("errors", Integer.toString(counts.count(Status.ERROR)));
    xml.writeAttribute(
        "skipped",
        Integer.toString(counts.count(Status.MUTED) + counts.count(Status.NOT_APPLICABLE)));
    xml.writeAttribute("timestamp", report.generatedAt().toString());
    if (!notices.isEmpty()) {
      newline(xml, 2);
      xml.writeStartElement("properties");
      for (Notice n : notices) {
        newline(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", "notice." + clean(n.kind()));
        xml.writeAttribute("value", clean(n.message()));
      }
      newline(xml, 2);
      xml.writeEndElement();
    }
    for (Finding f : findings) {
      writeCase(f, xml);
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void writeCase(Finding f, XMLStreamWriter xml) throws XMLStreamException {
    newline(xml, 2);
    if (f.status() == Status.PASS) {
      xml.writeEmptyElement("testcase");
      caseAttributes(f, xml);
      return;
    }
    xml.writeStartElement("testcase");
    caseAttributes(f, xml);
    newline(xml, 3);
    switch (f.status()) {
      case FAIL -> {
        xml.writeStartElement("failure");
        xml.writeAttribute("message", clean(f.message()));
        xml.writeAttribute("type", f.severity().name());
        String text =
            f.remediation() == null
                ? f.message()
                : f.message() + "\n\nRemediation:\n" + f.remediation();
        xml.writeCharacters(clean(text));
        xml.writeEndElement();
      }
      case ERROR -> {
        xml.writeStartElement("error");
        xml.writeAttribute("message", clean(f.message()));
        xml.writeAttribute("type", Status.ERROR.name());
        xml.writeCharacters(clean(f.message()));
        xml.writeEndElement();
      }
      case MUTED -> {
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", clean("muted: " + f.suppression()));
      }
      default -> {
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", clean("not applicable: " + f.message()));
      }
    }
    newline(xml, 2);
    xml.writeEndElement();
  }

  private static void caseAttributes(Finding f, XMLStreamWriter xml) throws XMLStreamException {
    xml.writeAttribute("classname", f.checkId());
    xml.writeAttribute("name", clean(name(f)));
  }

  /** {@code RULE ACCOUNT REGION ARN}: unique within the report. */
  static String name(Finding f) {
    return String.join(" ", f.ruleId(), f.account(), f.region(), f.resourceArn());
  }

  /** Drops the characters XML 1.0 cannot carry (control characters other than tab, LF, CR). */
  static String clean(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .filter(
            c ->
                c == 0x9
                    || c == 0xA
                    || c == 0xD
                    || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)
                    || c >= 0x10000)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + INDENT.repeat(depth));
  }
}
