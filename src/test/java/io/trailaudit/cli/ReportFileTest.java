package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a report file: atomically, or not at all, with the reason in one line. */
class ReportFileTest {
  @TempDir Path dir;

  /** A disk with room for {@code room} bytes: then it fails as Linux does (ENOSPC). */
  static ReportFile.Opener diskWithRoomFor(long room) {
    return file ->
        new FilterOutputStream(ReportFile.FILES.open(file)) {
          long written;

          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > room) {
              throw new IOException("No space left on device");
            }
            written += len;
            out.write(b, off, len);
          }
        };
  }

  static ReportFile.Content text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCompleteWriteReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "old");
    new ReportFile("-o", report).write(text("new report"));
    assertThat(Files.readString(report)).isEqualTo("new report");
    assertThat(names()).containsExactly("report.json");
  }

  @Test
  void aFullDiskLeavesThePreviousReportUntouched() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "{\"the\": \"previous report\"}\n");
    String big = "x".repeat(200_000);
    ReportFile file = new ReportFile("-o", report);
    assertThatThrownBy(() -> file.write(text(big), diskWithRoomFor(100_000)))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "cannot write -o "
                + report
                + ": No space left on device; the previous "
                + report
                + " is unchanged");
    assertThat(Files.readString(report)).isEqualTo("{\"the\": \"previous report\"}\n");
    assertThat(names()).containsExactly("report.json");
  }

  @Test
  void aFullDiskWithoutAPreviousReportLeavesNothing() throws Exception {
    Path report = dir.resolve("new.sarif");
    ReportFile file = new ReportFile("--output-dir", report);
    assertThatThrownBy(() -> file.write(text("y".repeat(70_000)), diskWithRoomFor(10)))
        .hasMessage(
            "cannot write --output-dir "
                + report
                + ": No space left on device; "
                + report
                + " was not written");
    assertThat(names()).isEmpty();
  }

  @Test
  void aFailingRendererLeavesThePreviousReportAndNoTemporaryFile() throws Exception {
    Path report = dir.resolve("report.txt");
    Files.writeString(report, "old");
    ReportFile file = new ReportFile("-o", report);
    assertThatThrownBy(
            () ->
                file.write(
                    out -> {
                      out.write("half".getBytes(StandardCharsets.UTF_8));
                      throw new IllegalStateException("bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.readString(report)).isEqualTo("old");
    assertThat(names()).containsExactly("report.txt");
  }

  @Test
  void contentThatClosesTheStreamIsStillSyncedAndMoved() throws Exception {
    Path report = dir.resolve("snap.json");
    new ReportFile("-o", report)
        .write(
            out -> {
              out.write('{');
              out.write('}');
              out.close();
            });
    assertThat(Files.readString(report)).isEqualTo("{}");
  }

  @Test
  void aReplacedReportKeepsItsPermissions() throws Exception {
    Path report = dir.resolve("report.json");
    Files.writeString(report, "old");
    Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rw-r-----"));
    new ReportFile("-o", report).write(text("new"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report)))
        .isEqualTo("rw-r-----");
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetIsReplaced() throws Exception {
    Path real = dir.resolve("real.json");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    new ReportFile("-o", link).write(text("new"));
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).isEqualTo("new");
  }

  @Test
  void pathsAreCheckedBeforeAnyWork() throws Exception {
    Path missing = dir.resolve("no-such-dir").resolve("r.json");
    assertThatThrownBy(() -> new ReportFile("-o", missing).check(false))
        .isInstanceOf(UsageException.class)
        .hasMessage("-o " + missing + ": directory " + missing.getParent() + " does not exist");
    assertThatThrownBy(() -> new ReportFile("-o", dir).check(false))
        .hasMessage("-o " + dir + ": is a directory; name a file");
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> new ReportFile("-o", file.resolve("r.json")).check(true))
        .hasMessage("-o " + file + ": not a directory");
    assertThatThrownBy(() -> ReportFile.directory("--output-dir", file))
        .hasMessage("--output-dir " + file + ": not a directory");
    new ReportFile("-o", missing).check(true);
    assertThat(missing.getParent()).isDirectory();
  }

  @Test
  void anOutputOnAnInputOrOnAnotherOutputIsRefused() throws Exception {
    Path snap = Files.writeString(dir.resolve("snap.json"), "{}");
    Path spelledOtherwise = dir.resolve("sub").resolve("..").resolve("snap.json");
    Files.createDirectories(dir.resolve("sub"));
    Map<String, Path> inputs = new java.util.LinkedHashMap<>();
    inputs.put("--snapshot", snap);
    inputs.put("--config", null);
    assertThatThrownBy(
            () -> ReportFile.distinct(List.of(new ReportFile("-o", spelledOtherwise)), inputs))
        .hasMessage(
            "-o "
                + spelledOtherwise
                + ": is the input file of --snapshot; writing it would destroy the input. Name"
                + " another file");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), snap);
    assertThatThrownBy(() -> ReportFile.distinct(List.of(new ReportFile("-o", link)), inputs))
        .hasMessageContaining("is the input file of --snapshot");
    Path a = dir.resolve("r").resolve("trailaudit.json");
    assertThatThrownBy(
            () ->
                ReportFile.distinct(
                    List.of(new ReportFile("--output-dir", a), new ReportFile("-o", a)), inputs))
        .hasMessage(
            "-o " + a + " and --output-dir " + a + " are the same file; name different files");
    ReportFile.distinct(
        List.of(
            new ReportFile("-o", dir.resolve("a.json")), new ReportFile("-o", dir.resolve("b"))),
        inputs);
  }

  @Test
  void aDeviceIsWrittenDirectlyAndAFullOneIsReported() throws Exception {
    Path full = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "/dev/full (Linux)");
    ReportFile file = new ReportFile("-o", full);
    file.check(false);
    assertThatThrownBy(() -> file.write(text("z".repeat(100_000))))
        .hasMessage("cannot write -o /dev/full: No space left on device");
    assertThat(full).exists();
    new ReportFile("-o", Path.of("/dev/null")).write(text("discarded"));
  }

  @Test
  void reasonsAreTheSystemsWordsNotJavaClassNames() {
    assertThat(ReportFile.reason(new java.nio.file.AccessDeniedException("/x")))
        .isEqualTo("permission denied");
    assertThat(
            ReportFile.reason(
                new java.nio.file.FileSystemException("/x", null, "Read-only file system")))
        .isEqualTo("Read-only file system");
  }
}
