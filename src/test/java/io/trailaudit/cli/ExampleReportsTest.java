package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reports in examples/reports are what the demo audit prints today. To refresh them after a
 * deliberate change: {@code mvn test -Dtest=ExampleReportsTest -DupdateExamples=true}.
 */
class ExampleReportsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "demo-org.txt, text",
    "demo-org.json, json",
    "demo-org.sarif, sarif",
    "demo-org.junit.xml, junit",
    "demo-org.asff.json, asff",
    "demo-org.md, markdown",
    "demo-org.html, html",
    "demo-org.ocsf.json, ocsf",
    "demo-org.csv, csv"
  })
  void exampleReportIsCurrent(String file, String format) throws Exception {
    CliTest.Result r =
        CliTest.run(Map.of(), false, "audit", "--snapshot", CliTest.DEMO, "--format", format);
    assertThat(r.code()).isEqualTo(1);
    Path expected = Path.of("examples/reports", file);
    if (Boolean.getBoolean("updateExamples")) {
      Files.writeString(expected, r.out());
    }
    assertThat(r.out()).isEqualTo(Files.readString(expected));
  }
}
