package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.report.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reports in examples/reports are what the demo audit prints today, one per registered format,
 * named {@code demo-org.EXT}. To refresh them after a deliberate change: {@code mvn test
 * -Dtest=ExampleReportsTest -DupdateExamples=true}.
 */
class ExampleReportsTest {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void exampleReportIsCurrent(Format format) throws Exception {
    CliTest.Result r =
        CliTest.run(
            Map.of(), false, "audit", "--snapshot", CliTest.DEMO, "--format", format.label());
    assertThat(r.code()).isEqualTo(1);
    Path expected = Path.of("examples/reports", "demo-org." + format.extension());
    if (Boolean.getBoolean("updateExamples")) {
      Files.writeString(expected, r.out());
    }
    assertThat(expected).as("example report of --format " + format.label()).exists();
    assertThat(r.out()).isEqualTo(Files.readString(expected));
  }
}
