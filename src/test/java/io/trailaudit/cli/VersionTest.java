package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void theVersionNamesTheCommitTheBuildWasMadeFrom() throws Exception {
    assumeTrue(Files.exists(Path.of(".git")), "built outside a git checkout: no commit to name");
    Process git =
        new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
            .redirectErrorStream(true)
            .start();
    assumeTrue(git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0, "git is not usable");
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

    CliTest.Result r = CliTest.run(Map.of(), false, "--version");

    assertThat(Version.commit()).isEqualTo(head);
    assertThat(r.out().lines().findFirst().orElseThrow())
        .matches("trailaudit \\S+ \\(commit " + head + "\\)");
  }
}
