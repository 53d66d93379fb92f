package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequirementIdTest {
  private enum Sample implements RequirementId {
    TRAIL_ENABLED,
    S3_WRITE,
    TAGGED
  }

  @Test
  void theIdIsTheNameInLowerCaseWithHyphens() {
    assertThat(Sample.TRAIL_ENABLED.id()).isEqualTo("trail-enabled");
    assertThat(Sample.S3_WRITE.id()).isEqualTo("s3-write");
  }

  @Test
  void idsKeepTheConstantsOrder() {
    assertThat(RequirementId.ids(Sample.values()))
        .containsExactly("trail-enabled", "s3-write", "tagged");
  }
}
