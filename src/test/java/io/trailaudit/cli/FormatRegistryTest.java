package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.report.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI and the README list the formats of the registry, {@link Format}. */
class FormatRegistryTest {
  @Test
  void readmeTableIsTheRegistry() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- formats:start -->"), readme.indexOf("<!-- formats:end -->"));
    List<String> rows = table.lines().filter(l -> l.startsWith("| `")).toList();
    List<String> expected = new ArrayList<>();
    for (Format f : Format.values()) {
      expected.add(
          "| `" + f.label() + "` | `trailaudit." + f.extension() + "` | `" + f.mediaType() + "` |");
    }
    assertThat(rows).containsExactlyElementsOf(expected);
  }

  @Test
  void formatAndFormatsHelpListEveryFormat() {
    String help = CliTest.run("audit", "--help").out().replaceAll("\\s+", " ");
    String all =
        String.join(", ", java.util.Arrays.stream(Format.values()).map(Enum::name).toList());
    assertThat(help)
        .contains("Report format: " + all + " (default: text).")
        .contains("the formats to write there, comma-separated: " + all + ".");
  }

  @Test
  void everyFormatIsAcceptedInAnyCase() {
    for (Format f : Format.values()) {
      for (String name : List.of(f.label(), f.name())) {
        CliTest.Result r =
            CliTest.run(
                "audit", "--snapshot", CliTest.DEMO, "--checks", "insights", "--format", name);
        // exit 0: the demo's insights failures are all medium, below --fail-on high
        assertThat(r.code()).as("--format " + name + ": " + r.err()).isEqualTo(0);
        assertThat(r.out()).isNotEmpty();
      }
    }
  }
}
