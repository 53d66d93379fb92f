package io.trailaudit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrailLocationTest {
  static final String ARN = "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit";

  @Test
  void keysFollowTheDocumentedLayout() {
    TrailLocation l = TrailLocation.of(ARN, "logs", "p/q", null, null, "us-east-2");

    assertThat(l.accountId()).isEqualTo("111122223333");
    assertThat(l.homeRegion()).isEqualTo("eu-west-1");
    assertThat(l.digestFolder()).isEqualTo("p/q/AWSLogs/111122223333/CloudTrail-Digest/us-east-2/");
    assertThat(l.listMarker(Instant.parse("2026-11-19T00:00:30Z")))
        .isEqualTo(
            "p/q/AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2026/11/18/"
                + "111122223333_CloudTrail-Digest_us-east-2_audit_eu-west-1_20261118T235930Z.json.gz");
  }

  @Test
  void organizationTrailsHaveTheOrganizationLevelAndAMemberAccount() {
    TrailLocation l = TrailLocation.of(ARN, "logs", null, "o-abc", "444455556666", null);

    assertThat(l.sourceRegion()).isEqualTo("eu-west-1");
    assertThat(l.digestFolder())
        .isEqualTo("AWSLogs/o-abc/444455556666/CloudTrail-Digest/eu-west-1/");
    String key =
        "AWSLogs/o-abc/444455556666/CloudTrail-Digest/eu-west-1/2026/11/19/"
            + "444455556666_CloudTrail-Digest_eu-west-1_audit_eu-west-1_20261119T010203Z.json.gz";
    assertThat(l.digestKeyPattern().matcher(key).matches()).isTrue();
    assertThat(l.digestKeyPattern().matcher(key.replace("_audit_", "_other_")).matches()).isFalse();
    assertThat(l.digestKeyPattern().matcher(key.replace("o-abc/", "")).matches()).isFalse();
  }

  @Test
  void keyTimesSkipTheBackfillSuffix() {
    String regular = "x_eu-west-1_20261119T010203Z.json.gz";
    String backfill = "x_eu-west-1_20261119T010203Z_backfill.json.gz";

    assertThat(TrailLocation.keyTimestamp(regular)).isEqualTo("20261119T010203Z");
    assertThat(TrailLocation.keyTimestamp(backfill)).isEqualTo("20261119T010203Z");
    assertThat(TrailLocation.isBackfill(backfill)).isTrue();
    assertThat(TrailLocation.isBackfill(regular)).isFalse();
    assertThat(TrailLocation.keyTime(backfill)).contains(Instant.parse("2026-11-19T01:02:03Z"));
    assertThat(TrailLocation.keyTime("short.json.gz")).isEmpty();
  }

  @Test
  void trailArnsAreCheckedAsTheAwsCliChecksThem() {
    assertThat(TrailLocation.isTrailArn(ARN)).isTrue();
    assertThat(TrailLocation.isTrailArn("foo:bar:baz")).isFalse();
    assertThat(TrailLocation.isTrailArn("arn:aws:cloudtrail:us-east-1:123456789012:foo")).isFalse();
  }
}
