package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Auditing a snapshot must not load the AWS SDK: start-up time is part of the product. */
class StartupClassesTest {
  @Test
  void snapshotAuditLoadsNoAwsSdkClass() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xlog:class+load=info",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "audit",
                    "--snapshot",
                    "examples/snapshots/demo-org.json",
                    "--format",
                    "json"))
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(log).contains("io.trailaudit.checks.CheckRunner");
    assertThat(log.lines().filter(l -> l.contains("software.amazon.")).toList()).isEmpty();
  }
}
