package io.trailaudit.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The launcher's training run must exercise the real commands, and every one must succeed. */
class TrainingTest {
  @Test
  void everyTrainingCommandRunsOnTheDemoSnapshot() throws Exception {
    assertThat(Training.run(Path.of("examples/snapshots/demo-org.json"))).isZero();
  }

  @Test
  void aBrokenSnapshotIsCountedAsAFailure() throws Exception {
    assertThat(Training.run(Path.of("does-not-exist.json"))).isPositive();
  }
}
