package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads begun before the command line is parsed are used only where the parse agrees. */
class PrefetchTest {
  private static final Path DEMO = Path.of(CliTest.DEMO);

  @Test
  void theSnapshotOptionIsFoundInEitherSpelling() {
    assertThat(Prefetch.snapshotArgument(new String[] {"audit", "--snapshot", CliTest.DEMO}))
        .isEqualTo(DEMO);
    assertThat(
            Prefetch.snapshotArgument(
                new String[] {"audit", "--format", "json", "--snapshot=" + CliTest.DEMO}))
        .isEqualTo(DEMO);
  }

  @Test
  void noGuessWhenTheOptionIsRepeatedAfterTheEndOfOptionsOrNotAFile(@TempDir Path dir)
      throws Exception {
    assertThat(
            Prefetch.snapshotArgument(
                new String[] {"audit", "--snapshot", CliTest.DEMO, "--snapshot", CliTest.DEMO}))
        .isNull();
    assertThat(Prefetch.snapshotArgument(new String[] {"audit", "--", "--snapshot", CliTest.DEMO}))
        .isNull();
    assertThat(Prefetch.snapshotArgument(new String[] {"audit", "--snapshot"})).isNull();
    assertThat(Prefetch.snapshotArgument(new String[] {"audit", "--snapshot", dir.toString()}))
        .isNull();
    assertThat(
            Prefetch.snapshotArgument(
                new String[] {"audit", "--snapshot", dir.resolve("missing.json").toString()}))
        .isNull();
    Path fifo = dir.resolve("pipe");
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
      // A pipe is read once, by the command itself.
      assertThat(Prefetch.snapshotArgument(new String[] {"audit", "--snapshot", fifo.toString()}))
          .isNull();
    }
  }

  @Test
  void onlyCommandsThatNeedTheCatalogueStartAnything() {
    assertThat(Prefetch.start(new String[] {"--version"})).isSameAs(Prefetch.NONE);
    assertThat(Prefetch.start(new String[] {})).isSameAs(Prefetch.NONE);
    assertThat(Prefetch.start(new String[] {"diff", "a.json", "b.json"})).isSameAs(Prefetch.NONE);
    Prefetch checks = Prefetch.start(new String[] {"checks"});
    assertThat(checks.readsAhead(DEMO)).isFalse();
    assertThat(checks.checks().ids()).isNotEmpty();
  }

  @Test
  void anotherPathThanTheOneReadAheadIsReadOnItsOwn(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("other.json");
    Files.writeString(other, "{");
    Prefetch p = Prefetch.start(new String[] {"audit", "--snapshot", CliTest.DEMO});
    assertThat(p.readsAhead(DEMO)).isTrue();
    assertThat(p.readsAhead(other)).isFalse();
    assertThat(p.snapshot(DEMO).join().accounts()).isNotEmpty();
    assertThatThrownBy(() -> p.snapshot(other).join())
        .hasCauseInstanceOf(InputFileException.class)
        .hasMessageContaining(other.toString());
  }

  @Test
  void aBadSnapshotReadAheadIsTheSameUsageErrorAsOneReadAfterParsing(@TempDir Path dir)
      throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"schemaVersion\": 1,\n  \"accounts\": [}");
    CliTest.Result ahead = CliTest.run("audit", "--snapshot", bad.toString());
    CliTest.Result equals = CliTest.run("audit", "--snapshot=" + bad);
    assertThat(ahead.code()).isEqualTo(2);
    assertThat(ahead.err()).startsWith("trailaudit: " + bad).doesNotContain("\tat ");
    assertThat(equals).isEqualTo(ahead);
  }

  @Test
  void theReportIsTheSameWithTheReadAheadUsedOrNot() {
    String[] args = {"audit", "--snapshot", CliTest.DEMO, "--format", "json"};
    CliTest.Result ahead = CliTest.run(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Cli.Env env =
        new Cli.Env(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            CliTest.CLOCK,
            Map.of(),
            false,
            Prefetch.NONE);
    int code = Cli.commandLine(env, "audit").execute(args);
    assertThat(ahead.out()).contains("\"findings\"");
    assertThat(new CliTest.Result(code, out.toString(), err.toString())).isEqualTo(ahead);
  }
}
