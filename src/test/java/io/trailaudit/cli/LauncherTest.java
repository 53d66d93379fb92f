package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The launchers' JVM flags: the two shell launchers choose the collector with the same lines, the
 * serial one exactly for the runs that call no AWS API, and every launcher runs C1 alone with one
 * compiler thread.
 */
class LauncherTest {
  private static final Path DEV = Path.of("bin/trailaudit");
  private static final Path IMAGE = Path.of("src/dist/bin/trailaudit");
  private static final String SERIAL = "-XX:+UseSerialGC";

  @Test
  void bothShellLaunchersChooseTheCollectorWithTheSameLines() throws IOException {
    assertThat(collectorLines(DEV)).isEqualTo(collectorLines(IMAGE)).contains("gc=" + SERIAL);
    for (Path launcher : List.of(DEV, IMAGE)) {
      assertThat(Files.readString(launcher)).as(launcher.toString()).contains(" $gc -jar ");
    }
  }

  @Test
  void everyLauncherRunsC1AloneWithOneCompilerThread() throws IOException {
    for (Path launcher : List.of(DEV, IMAGE, Path.of("Dockerfile"))) {
      String text = Files.readString(launcher).replace("\", \"", " ");
      assertThat(text)
          .as(launcher.toString())
          .contains("-XX:TieredStopAtLevel=1")
          .contains("-XX:CICompilerCount=1");
    }
  }

  @Test
  void theSerialCollectorIsForExactlyTheRunsThatCallNoAwsApi() throws Exception {
    CommandLine whole =
        Cli.commandLine(
            new Cli.Env(
                new PrintWriter(Writer.nullWriter()),
                new PrintWriter(Writer.nullWriter()),
                CliTest.CLOCK,
                Map.of(),
                false));
    for (Map.Entry<String, CommandLine> sub : whole.getSubcommands().entrySet()) {
      String name = sub.getKey();
      boolean live = takesAwsOptions(sub.getValue());
      assertThat(collector(name, "x.json")).as(name).isEqualTo(live ? "" : SERIAL);
    }
    assertThat(collector("audit", "--snapshot", "s.json", "--format", "sarif")).isEqualTo(SERIAL);
    assertThat(collector("audit", "--format", "json", "--snapshot=s.json")).isEqualTo(SERIAL);
    assertThat(collector("audit", "--profile", "prod")).isEmpty();
    assertThat(collector("audit", "--", "--snapshot")).isEmpty();
    assertThat(collector("collect", "--accounts", "111122223333", "-o", "s.json")).isEmpty();
    assertThat(collector("--version")).isEqualTo(SERIAL);
    assertThat(collector()).isEqualTo(SERIAL);
  }

  /** Whether the subcommand, or one of its own subcommands, reads AWS options. */
  private static boolean takesAwsOptions(CommandLine command) {
    if (AwsOptions.NAMES.stream().anyMatch(o -> command.getCommandSpec().findOption(o) != null)) {
      return true;
    }
    return command.getSubcommands().values().stream().anyMatch(LauncherTest::takesAwsOptions);
  }

  /** The lines from "# The collector." to the end of the case that sets {@code gc}. */
  private static String collectorLines(Path launcher) throws IOException {
    List<String> lines = Files.readAllLines(launcher);
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("# The collector.")) {
        from = i;
      }
    }
    assertThat(from).as(launcher + ": no collector lines").isNotNegative();
    int caseAt = -1;
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).startsWith("case \"$command\"")) {
        caseAt = i;
      }
      if (caseAt >= 0 && lines.get(i).equals("esac")) {
        return String.join("\n", lines.subList(from, i + 1)) + "\n";
      }
    }
    throw new AssertionError(launcher + ": the collector lines have no end");
  }

  /** The collector the launcher's lines choose for these arguments, run by sh. */
  private static String collector(String... args) throws Exception {
    String script = collectorLines(DEV) + "printf %s \"$gc\"\n";
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "trailaudit"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
