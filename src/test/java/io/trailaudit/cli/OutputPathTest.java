package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output paths through the command line: a bad path is the user's (exit 2, one line, never 4), an
 * output never overwrites an input, and a failed write leaves the previous report.
 */
class OutputPathTest {
  @TempDir Path dir;

  static void assertOneLine(CliTest.Result r, String expected) {
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("trailaudit: " + expected + System.lineSeparator());
  }

  @Test
  void aMissingDirectoryIsAUsageError() {
    Path out = dir.resolve("missing").resolve("r.json");
    assertOneLine(
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "-o", out.toString()),
        "-o " + out + ": directory " + out.getParent() + " does not exist");
  }

  @Test
  void aDirectoryAsTheOutputIsAUsageError() {
    assertOneLine(
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "-o", dir.toString()),
        "-o " + dir + ": is a directory; name a file");
  }

  @Test
  void anOutputDirThatIsAFileIsAUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("reports"), "x");
    assertOneLine(
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--output-dir",
            file.toString(),
            "--formats",
            "json"),
        "--output-dir " + file + ": not a directory");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void theInputSnapshotIsNeverOverwritten() throws Exception {
    Path snap = Files.copy(Path.of(CliTest.DEMO), dir.resolve("snap.json"));
    String before = Files.readString(snap);
    assertOneLine(
        CliTest.run("audit", "--snapshot", snap.toString(), "-o", snap.toString()),
        "-o "
            + snap
            + ": is the input file of --snapshot; writing it would destroy the input. Name another"
            + " file");
    assertThat(Files.readString(snap)).isEqualTo(before);
  }

  @Test
  void theConfigFileIsNeverOverwritten() throws Exception {
    Path config = Files.writeString(dir.resolve("trailaudit.yml"), "suppressions: []\n");
    Path dirOut = dir;
    // --output-dir DIR --formats with a config named like a report in DIR is caught the same way.
    Path named = Files.writeString(dir.resolve("trailaudit.txt"), "keep me\n");
    assertOneLine(
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--config",
            named.toString(),
            "--output-dir",
            dirOut.toString(),
            "--formats",
            "text"),
        "--output-dir "
            + dirOut.resolve("trailaudit.txt")
            + ": is the input file of --config; writing it would destroy the input. Name another"
            + " file");
    assertThat(Files.readString(named)).isEqualTo("keep me\n");
    CliTest.Result r =
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--config",
            config.toString(),
            "-o",
            config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(Files.readString(config)).isEqualTo("suppressions: []\n");
  }

  @Test
  void twoOutputsOnOneFileAreRefused() {
    Path json = dir.resolve("trailaudit.json");
    assertOneLine(
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--format",
            "json",
            "-o",
            json.toString(),
            "--output-dir",
            dir.toString(),
            "--formats",
            "json"),
        "-o " + json + " and --output-dir " + json + " are the same file; name different files");
    assertOneLine(
        CliTest.run(
            "audit",
            "--snapshot",
            CliTest.DEMO,
            "--output-dir",
            dir.toString(),
            "--formats",
            "sarif,json,sarif"),
        "--output-dir "
            + dir.resolve("trailaudit.sarif")
            + " and --output-dir "
            + dir.resolve("trailaudit.sarif")
            + " are the same file; name different files");
  }

  @Test
  void aFullDeviceIsExit2AndSaysSo() {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full (Linux)");
    assertOneLine(
        CliTest.run("audit", "--snapshot", CliTest.DEMO, "--format", "json", "-o", "/dev/full"),
        "cannot write -o /dev/full: No space left on device");
  }

  @Test
  void aFullFileSystemLeavesThePreviousReport() throws Exception {
    // A real full disk: a 64 KiB tmpfs, only where the test may mount one (root on Linux).
    Path mount = Files.createDirectory(dir.resolve("small"));
    Assumptions.assumeTrue(
        exec("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()),
        "cannot mount a tmpfs here");
    try {
      Path report = mount.resolve("trailaudit.json");
      Files.writeString(report, "{\"previous\": true}\n");
      CliTest.Result r =
          CliTest.run(
              "audit", "--snapshot", CliTest.DEMO, "--format", "json", "-o", report.toString());
      assertOneLine(
          r,
          "cannot write -o "
              + report
              + ": No space left on device; the previous "
              + report
              + " is unchanged");
      assertThat(Files.readString(report)).isEqualTo("{\"previous\": true}\n");
      try (var files = Files.list(mount)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("trailaudit.json");
      }
    } finally {
      exec("umount", mount.toString());
    }
  }

  @Test
  void aReadOnlyDirectoryIsFoundBeforeTheAudit() throws Exception {
    // A read-only file system stops root too; mounted only where the test may (root on Linux).
    Path mount = Files.createDirectory(dir.resolve("ro"));
    Assumptions.assumeTrue(
        exec("mount", "-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", mount.toString()),
        "cannot mount a tmpfs here");
    try {
      Path report = mount.resolve("r.json");
      assertOneLine(
          CliTest.run("audit", "--snapshot", CliTest.DEMO, "-o", report.toString()),
          "-o " + report + ": directory " + mount + " is not writable");
      assertOneLine(
          CliTest.run(
              "audit",
              "--snapshot",
              CliTest.DEMO,
              "--output-dir",
              mount.resolve("sub").toString(),
              "--formats",
              "json"),
          "--output-dir " + mount.resolve("sub") + ": cannot create it: Read-only file system");
    } finally {
      exec("umount", mount.toString());
    }
  }

  @Test
  void aReportThatFitsReplacesThePreviousOne() throws Exception {
    Path report = Files.writeString(dir.resolve("r.json"), "old");
    CliTest.Result r =
        CliTest.run(
            "audit", "--snapshot", CliTest.DEMO, "--format", "json", "-o", report.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(report)).startsWith("{").contains("\"tool\" : \"trailaudit\"");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("r.json");
    }
  }

  @Test
  void aWriteErrorOnStandardOutputIsReported() {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void flush() throws IOException {
            throw new IOException("Broken pipe");
          }

          @Override
          public void close() {}
        };
    StringWriter err = new StringWriter();
    for (List<String> args :
        List.of(
            List.of("audit", "--snapshot", CliTest.DEMO, "--fail-on", "none"),
            List.of("checks"),
            List.of("diff", "examples/reports/demo-org.json", "examples/reports/demo-org.json"))) {
      err.getBuffer().setLength(0);
      int code =
          Cli.run(
              args.toArray(String[]::new),
              new PrintWriter(broken, true),
              new PrintWriter(err, true),
              CliTest.CLOCK,
              Map.of(),
              false);
      assertThat(code).as(args.toString()).isEqualTo(2);
      assertThat(err.toString())
          .as(args.toString())
          .isEqualTo(
              "trailaudit: cannot write to standard output (closed, or the disk is full): the"
                  + " output is incomplete"
                  + System.lineSeparator());
    }
  }

  @Test
  void collectChecksItsOutputBeforeReadingAws() throws Exception {
    CliTest.Result r = CliTest.run("collect", "-o", dir.toString());
    assertOneLine(r, "-o " + dir + ": is a directory; name a file");
  }

  private static boolean exec(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
