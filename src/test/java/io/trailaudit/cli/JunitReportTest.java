package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.testing.JunitSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo audit as JUnit XML: valid against the Jenkins xunit-plugin junit-10.xsd. */
class JunitReportTest {
  static List<String> validate(String xml) throws Exception {
    return JunitSchema.validate(xml);
  }

  @Test
  void demoJunitValidatesAgainstTheSchema() throws Exception {
    CliTest.Result r = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "junit");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(validate(r.out())).isEmpty();
    // The demo's 238 findings: 97 FAIL and 2 ERROR (kms-encryption/key-rotation and
    // cloudwatch-alerting/filter-pattern), the counts of the example text report's summary. The 4
    // FAIL added with check 13: tamper-evidence/trail-changes (org-trail stopped for 35 min),
    // tamper-evidence/bucket-changes, organization-trail/tagged (legacy-audit) and
    // insights/data-event-aggregation (workload-app-trail).
    assertThat(r.out())
        .contains("<testsuites name=\"trailaudit\" tests=\"238\" failures=\"97\" errors=\"2\">")
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
