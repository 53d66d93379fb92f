package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output-dir DIR --formats LIST}: several reports from one run. */
class OutputDirTest {
  @Test
  void writesEachFormatBesidesTheMainOutput(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("reports");
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--output-dir",
            dir.toString(),
            "--formats",
            "sarif,JSON,text");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Summary: ");
    assertThat(Files.readString(dir.resolve("trailaudit.txt"))).isEqualTo(r.out());
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(dir.resolve("trailaudit.json").toFile()).get("tool").asText())
        .isEqualTo("trailaudit");
    assertThat(m.readTree(dir.resolve("trailaudit.sarif").toFile()).get("version").asText())
        .isEqualTo("2.1.0");
    String json = CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "json").out();
    assertThat(Files.readString(dir.resolve("trailaudit.json"))).isEqualTo(json);
  }

  @Test
  void aCutMarkdownReportNamesTheFullReportWrittenBesideIt(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("reports");
    Path md = tmp.resolve("pr.md");
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--format",
            "markdown",
            "-o",
            md.toString(),
            "--output-dir",
            dir.toString(),
            "--formats",
            "json,html");
    assertThat(r.code()).isEqualTo(1);
    // The demo's Markdown is over 60,000 characters: it is cut, and points to the HTML report.
    assertThat(Files.readString(md))
        .contains(
            "none worse than those shown. The full report: "
                + dir.resolve("trailaudit.html")
                + "._");
    assertThat(CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "markdown").out())
        .contains("The full report: the same audit with --format html or --format json");
  }

  @Test
  void onlyTheListedFormatsAreWritten(@TempDir Path dir) throws Exception {
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--format",
            "json",
            "--output-dir",
            dir.toString(),
            "--formats",
            "sarif");
    assertThat(r.code()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(r.out()).get("tool").asText()).isEqualTo("trailaudit");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trailaudit.sarif");
    }
  }

  @Test
  void unknownFormatInTheListIsAUsageError(@TempDir Path dir) {
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--output-dir",
            dir.toString(),
            "--formats",
            "json,pdf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("pdf");
  }

  @Test
  void outputDirAndFormatsGoTogether(@TempDir Path dir) {
    CliTest.Result noFormats =
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "--output-dir", dir.toString());
    assertThat(noFormats.code()).isEqualTo(2);
    assertThat(noFormats.err()).contains("--output-dir DIR and --formats LIST go together");
    assertThat(CliTest.run("audit", "--snapshot", CliTest.DEMO, "--formats", "json").code())
        .isEqualTo(2);
  }
}
