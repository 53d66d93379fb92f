package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.report.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each command's help lists the exit codes it can give, from the one table in ExitCode. */
class ExitCodeHelpTest {
  private static String help(String command) {
    CliTest.Result r = CliTest.run(command, "--help");
    assertThat(r.code()).as(command).isZero();
    return r.out();
  }

  /** The footer of the help, from "Exit codes:" on. */
  private static String footer(String command) {
    String out = help(command);
    return out.substring(out.indexOf("Exit codes:"));
  }

  @Test
  void auditListsItsGateCodes() {
    assertThat(footer("audit"))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "Exit codes:",
                "  0  no FAIL finding at or above the --fail-on severity",
                "  1  at least one FAIL finding at or above the --fail-on severity",
                "  2  usage, configuration, input or output error, or no usable AWS credentials",
                "  3  the audit has ERROR findings and --fail-on-error was given",
                "  4  internal error (a bug: please report it with --debug output)",
                ""));
  }

  @Test
  void validateLogsSaysThreeWhenNothingCouldBeValidated() {
    assertThat(footer("validate-logs"))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "Exit codes:",
                "  0  every digest and log file found in the window is valid",
                "  1  a digest or log file is invalid, missing or unreadable",
                "  2  usage error, or no usable AWS credentials",
                "  3  could not validate: no public keys, no digest in the window, access denied",
                "  4  internal error (a bug: please report it with --debug output)",
                ""));
  }

  @Test
  void otherCommandsDoNotPrintTheAuditTable() {
    for (String command : List.of("collect", "checks", "explain", "diff")) {
      String footer = footer(command);
      assertThat(footer)
          .as(command)
          .doesNotContain(ExitCode.FINDINGS.meaning("audit"))
          .doesNotContain(ExitCode.INCOMPLETE.meaning("audit"))
          .doesNotContain("  3  ");
      for (ExitCode c : ExitCode.values()) {
        if (c.meaning(command) != null) {
          assertThat(footer).as(command).contains("  " + c.code() + "  " + c.meaning(command));
        }
      }
    }
    assertThat(footer("diff"))
        .doesNotContain("--fail-on-error")
        .contains("  1  a new FAIL finding at or above the --fail-on severity");
    assertThat(footer("checks"))
        .isEqualTo(
            String.join(
                System.lineSeparator(),
                "Exit codes:",
                "  0  success",
                "  2  usage, configuration, input or output error",
                "  4  internal error (a bug: please report it with --debug output)",
                ""));
  }

  @Test
  void aCommandWithoutRowsOfItsOwnGetsTheGeneralOnes() {
    assertThat(ExitCode.helpLines("some-later-command"))
        .containsExactly(
            "%nExit codes:",
            "  0  success",
            "  2  usage, configuration, input or output error",
            "  4  internal error (a bug: please report it with --debug output)");
  }

  @Test
  void outputDirHelpNamesTheFileOfEveryFormat() {
    String help = help("audit").replaceAll("\\s+", " ");
    for (Format f : Format.values()) {
      assertThat(help).contains(f.label() + ": trailaudit." + f.extension());
    }
  }

  @Test
  void readmeValidateLogsExitCodesMatchTheTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String table =
        readme.substring(
            readme.indexOf("<!-- validate-logs-exit-codes:start -->"),
            readme.indexOf("<!-- validate-logs-exit-codes:end -->"));
    for (ExitCode c : ExitCode.values()) {
      assertThat(table.replace("`", ""))
          .contains("| " + c.code() + " | " + c.meaning("validate-logs") + " |");
    }
  }
}
