package io.trailaudit.checks.cloudtraillake;

import static io.trailaudit.testing.FindingLookup.only;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.Observed;
import io.trailaudit.testing.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java still, not yet data: once-per-store counts across accounts and the per-account
 * not-applicable cases (checks/cloudtrail-lake/ holds the single-store cases).
 */
class CloudTrailLakeCheckTest {
  static final String STORE_ARN =
      "arn:aws:cloudtrail:us-east-1:" + MGMT + ":eventdatastore/EXAMPLE-f852-4e8f-8bd1";
  static final String KEY = "arn:aws:kms:us-east-1:" + MGMT + ":key/lake-key";
  static final List<String> REQUIREMENTS =
      List.of(
          "cmk",
          "retention",
          "organization-enabled",
          "multi-region-enabled",
          "termination-protection",
          "enabled");

  private final CloudTrailLakeCheck check = new CloudTrailLakeCheck();

  static EventDataStore store(
      String status,
      boolean multiRegion,
      boolean organization,
      Integer retention,
      boolean termination,
      String key) {
    return new EventDataStore(
        STORE_ARN,
        "org-events",
        status,
        multiRegion,
        organization,
        retention,
        termination,
        key,
        "EXTENDABLE_RETENTION_PRICING",
        List.of());
  }

  static EventDataStore good() {
    return store("ENABLED", true, true, 2557, true, KEY);
  }

  /** An account whose regions were all read, with {@code stores} in us-east-1. */
  static AccountSnapshot withStores(AccountSnapshot a, EventDataStore... stores) {
    AccountSnapshot read =
        Regions.everyRegion(a, e -> e.eventDataStores = Observed.known(List.of()));
    return Regions.inRegion(
        read, "us-east-1", e -> e.eventDataStores = Observed.known(List.of(stores)));
  }

  private List<Finding> run(AuditConfig config, AccountSnapshot... accounts) {
    return check.evaluate(snapshot(accounts), config);
  }

  private List<Finding> run(AccountSnapshot... accounts) {
    return run(AuditConfig.defaults(), accounts);
  }

  @Test
  void storeWithoutCustomerManagedKeyFails() {
    Finding f =
        only(
            run(withStores(account(MGMT), store("ENABLED", true, true, 2557, true, null))),
            "cloudtrail-lake/cmk",
            MGMT);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).contains("CloudTrail-owned key");
    assertThat(f.controls()).extracting(c -> c.id()).containsExactly("CloudTrail.10");
    assertThat(f.remediation())
        .contains(
            "aws cloudtrail update-event-data-store --region us-east-1 --event-data-store "
                + STORE_ARN
                + " --kms-key-id arn:aws:kms:us-east-1:"
                + MGMT
                + ":key/<key-id>");
  }

  @Test
  void shortRetentionFailsAgainstTheDefaultAndTheConfiguredMinimum() {
    Finding f =
        only(
            run(withStores(account(MGMT), store("ENABLED", true, true, 90, true, KEY))),
            "cloudtrail-lake/retention",
            MGMT);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo("event data store org-events keeps events only 90 days; at least 365 required");
    assertThat(f.remediation()).endsWith("--retention-period 365");
    AuditConfig strict = AuditConfig.builder().parameter("lake.minRetentionDays", 2557).build();
    Finding g =
        only(
            run(strict, withStores(account(MGMT), store("ENABLED", true, true, 2555, true, KEY))),
            "cloudtrail-lake/retention",
            MGMT);
    assertThat(g.status()).isEqualTo(Status.FAIL);
    assertThat(g.remediation()).endsWith("--retention-period 2557");
  }

  @Test
  void storeThatIsNotIngestingFails() {
    Finding stopped =
        only(
            run(withStores(account(MGMT), store("STOPPED_INGESTION", true, true, 2557, true, KEY))),
            "cloudtrail-lake/enabled",
            MGMT);
    assertThat(stopped.status()).isEqualTo(Status.FAIL);
    assertThat(stopped.message()).contains("is STOPPED_INGESTION, not ENABLED");
    assertThat(stopped.remediation())
        .isEqualTo(
            "aws cloudtrail start-event-data-store-ingestion --region us-east-1"
                + " --event-data-store "
                + STORE_ARN);
    Finding deleting =
        only(
            run(withStores(account(MGMT), store("PENDING_DELETION", true, true, 2557, true, KEY))),
            "cloudtrail-lake/enabled",
            MGMT);
    assertThat(deleting.status()).isEqualTo(Status.FAIL);
    assertThat(deleting.remediation()).startsWith("aws cloudtrail restore-event-data-store");
  }

  @Test
  void noStoreAnywhereIsNotApplicablePerAccount() {
    List<Finding> fs = run(withStores(account(MGMT)), withStores(account(MEMBER)));
    assertThat(fs).hasSize(12);
    assertThat(fs).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.NOT_APPLICABLE));
    assertThat(only(fs, "cloudtrail-lake/enabled", MEMBER).message())
        .startsWith("no CloudTrail Lake event data store in account " + MEMBER)
        .contains("closed to new customers since 2026-05-31")
        .contains("lake.requireEventDataStore");
  }

  @Test
  void noStoreFailsWhenTheConfigurationRequiresOne() {
    AuditConfig require =
        AuditConfig.builder().parameter("lake.requireEventDataStore", true).build();
    List<Finding> fs = run(require, withStores(account(MGMT)));
    Finding enabled = only(fs, "cloudtrail-lake/enabled", MGMT);
    assertThat(enabled.status()).isEqualTo(Status.FAIL);
    assertThat(enabled.message())
        .endsWith("the configuration requires one (lake.requireEventDataStore)");
    assertThat(enabled.remediation())
        .contains(
            "aws cloudtrail create-event-data-store --region us-east-1 --name organization-events"
                + " --multi-region-enabled --organization-enabled --termination-protection-enabled"
                + " --retention-period 365");
    assertThat(only(fs, "cloudtrail-lake/cmk", MGMT).status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void memberIsCoveredOnlyByAStoreOfItsOwnOrganization() {
    AuditConfig require =
        AuditConfig.builder().parameter("lake.requireEventDataStore", true).build();
    AccountSnapshot singleAccountStore =
        withStores(account(MGMT), store("ENABLED", true, false, 2557, true, KEY));
    List<Finding> fs = run(require, singleAccountStore, withStores(account(MEMBER)));
    assertThat(only(fs, "cloudtrail-lake/enabled", MEMBER).status()).isEqualTo(Status.FAIL);
    AccountSnapshot standalone =
        withOrganization(withStores(account(MEMBER)), Observed.known(null));
    List<Finding> gs = run(require, withStores(account(MGMT), good()), standalone);
    assertThat(only(gs, "cloudtrail-lake/enabled", MEMBER).status()).isEqualTo(Status.FAIL);
  }

  @Test
  void organizationEnabledIsNotApplicableOutsideAnOrganization() {
    AccountSnapshot standalone =
        withOrganization(
            withStores(account(MGMT), store("ENABLED", true, false, 2557, true, KEY)),
            Observed.known(null));
    Finding f = only(run(standalone), "cloudtrail-lake/organization-enabled", MGMT);
    assertThat(f.status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void storesMissingFromTheSnapshotAreError() {
    List<Finding> fs = run(account(MGMT));
    assertThat(fs).hasSize(6).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
    assertThat(fs.get(0).message()).contains("NotCollected");
  }

  @Test
  void nullRetentionOrStatusIsErrorNotPass() {
    List<Finding> fs = run(withStores(account(MGMT), store(null, true, true, null, true, KEY)));
    assertThat(only(fs, "cloudtrail-lake/retention", MGMT).status()).isEqualTo(Status.ERROR);
    assertThat(only(fs, "cloudtrail-lake/enabled", MGMT).status()).isEqualTo(Status.ERROR);
  }

  @Test
  void aStoreSeenFromSeveralAccountsIsReportedOnce() {
    List<Finding> fs = run(withStores(account(MGMT), good()), withStores(account(MEMBER), good()));
    assertThat(fs).hasSize(6);
    assertThat(fs).allSatisfy(f -> assertThat(f.account()).isEqualTo(MGMT));
  }
}
