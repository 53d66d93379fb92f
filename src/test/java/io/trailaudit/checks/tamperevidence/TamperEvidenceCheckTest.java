package io.trailaudit.checks.tamperevidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.ConfigLoader;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the scenarios cannot say: the demo with its own configuration, and the session matcher. */
class TamperEvidenceCheckTest {
  private static final Snapshot DEMO = Snapshots.read(Path.of("examples/snapshots/demo-org.json"));

  private static Finding one(List<Finding> findings, String requirement, String resource) {
    List<Finding> hits =
        findings.stream()
            .filter(f -> f.requirement().equals(requirement) && f.resourceArn().equals(resource))
            .toList();
    assertThat(hits).hasSize(1);
    return hits.get(0);
  }

  @Test
  void withTheDemoConfigurationTheBreakGlassRevertIsAllowedAndTheOperatorsChangeStillFails() {
    AuditConfig config =
        ConfigLoader.load(
            Path.of("examples/config/demo-org.yml"),
            List.of("tamper-evidence"),
            io.trailaudit.testing.Catalogs.builtIn().parameters().values());
    List<Finding> findings = new TamperEvidenceCheck().evaluate(DEMO, config);
    Finding bucket =
        one(findings, "bucket-changes", "arn:aws:s3:::acme-org-cloudtrail-222222222222");
    assertThat(bucket.status()).isEqualTo(Status.FAIL);
    assertThat(bucket.message())
        .startsWith("1 change(s) to trail bucket acme-org-cloudtrail-222222222222")
        .contains("PutBucketPolicy 2026-11-16 14:05Z by arn:aws:sts::222222222222:assumed-role/")
        .contains(
            "By allowed principals: PutBucketPolicy 2026-11-16 16:40Z by"
                + " arn:aws:sts::222222222222:assumed-role/BreakGlassLogAdmin/incident-4711")
        .contains("with S3Console/0.4 in us-east-1 (allowed by")
        .contains("arn:aws:iam::222222222222:role/BreakGlassLogAdmin)");
  }

  @Test
  void theDemoBlindWindowIsThirtyFiveMinutes() {
    Finding trail =
        one(
            new TamperEvidenceCheck().evaluate(DEMO, AuditConfig.defaults()),
            "trail-changes",
            "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail");
    assertThat(trail.status()).isEqualTo(Status.FAIL);
    assertThat(trail.message()).endsWith("restarted 03:47Z: 35 min unlogged");
  }

  @Test
  void aSessionMatchesItsRoleAndAPathOnlyThroughTheSessionIssuer() {
    assertThat(ChangePrincipals.roleOfSession("arn:aws:sts::111111111111:assumed-role/Admin/alice"))
        .contains("arn:aws:iam::111111111111:role/Admin");
    assertThat(ChangePrincipals.roleOfSession("arn:aws:iam::111111111111:user/bob")).isEmpty();
    ChangePrincipals withPath =
        new ChangePrincipals(List.of(), List.of("arn:aws:iam::111111111111:role/ops/Admin"));
    ChangeEvent.Caller session =
        new ChangeEvent.Caller(
            "AssumedRole",
            "arn:aws:sts::111111111111:assumed-role/Admin/alice",
            null,
            "111111111111",
            null);
    assertThat(withPath.allowing(session)).isEqualTo(Optional.empty());
    ChangeEvent.Caller issued =
        new ChangeEvent.Caller(
            "AssumedRole",
            "arn:aws:sts::111111111111:assumed-role/Admin/alice",
            "arn:aws:iam::111111111111:role/ops/Admin",
            "111111111111",
            null);
    assertThat(withPath.allowing(issued)).contains("arn:aws:iam::111111111111:role/ops/Admin");
  }
}
