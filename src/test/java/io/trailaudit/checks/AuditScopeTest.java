package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.CollectionInfo.ExcludedAccount;
import io.trailaudit.model.CollectionInfo.Exclusion;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.testing.Catalogs;
import io.trailaudit.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditScopeTest {
  static final String MGMT = "111111111111";
  static final String PROD = "222222222222";
  static final String OLD = "333333333333";

  private static OrganizationTree tree(String oldStatus) {
    return new OrganizationTree(
        Fixtures.membership(),
        List.of(),
        List.of(),
        List.of(
            new OrganizationTree.Account(MGMT, "arn:a", "management", "ACTIVE", "r-1"),
            new OrganizationTree.Account(PROD, "arn:b", "prod", "ACTIVE", "r-1"),
            new OrganizationTree.Account(OLD, "arn:c", "old", oldStatus, "r-1")),
        List.of());
  }

  private static Snapshot snapshot(
      OrganizationTree tree, List<ExcludedAccount> excluded, String... accounts) {
    return new Snapshot(
        Snapshot.SCHEMA_VERSION,
        Fixtures.NOW,
        new CollectionInfo("trailaudit", "test", "live", null, "us-east-1", List.of(), excluded),
        Observed.known(tree),
        java.util.Arrays.stream(accounts).map(a -> Fixtures.account(a)).toList(),
        List.of(),
        List.of(),
        List.of(),
        null);
  }

  @Test
  void anAuditOfNoAccountIsAnError() {
    List<Finding> f = AuditScope.findings(snapshot(null, List.of()), 0);

    assertThat(f).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(Status.ERROR));
    assertThat(f.get(0).ruleId()).isEqualTo("audit/scope");
    assertThat(f.get(0).message())
        .isEqualTo(
            "the snapshot holds no account, so nothing was audited: a collection step may have"
                + " failed; collect again");
  }

  @Test
  void anEmptySnapshotOfAnOrganizationNamesEveryAccountItMissed() {
    List<Finding> f = AuditScope.findings(snapshot(tree("ACTIVE"), List.of()), 0);

    assertThat(f).extracting(Finding::status).containsOnly(Status.ERROR);
    assertThat(f.get(0).message())
        .isEqualTo(
            "the snapshot holds no account, so nothing was audited (organization o-exampleorg1"
                + " lists 3): a collection step may have failed; collect again");
    assertThat(f.subList(1, 4))
        .extracting(Finding::resourceArn)
        .containsExactly(
            "arn:aws:iam::" + MGMT + ":root",
            "arn:aws:iam::" + PROD + ":root",
            "arn:aws:iam::" + OLD + ":root");
  }

  @Test
  void anAccountMissingWithoutAReasonIsAnErrorOnThatAccount() {
    List<Finding> f = AuditScope.findings(snapshot(tree("ACTIVE"), List.of(), MGMT, PROD), 40);

    assertThat(f).singleElement();
    Finding e = f.get(0);
    assertThat(e.status()).isEqualTo(Status.ERROR);
    assertThat(e.account()).isEqualTo(OLD);
    assertThat(e.region()).isEqualTo("global");
    assertThat(e.controls()).isEmpty();
    assertThat(e.message())
        .isEqualTo(
            "account 333333333333 (old) is in organization o-exampleorg1 but not in the snapshot,"
                + " and the snapshot does not say why (collection.excludedAccounts): it was not"
                + " audited (2 of the 3 accounts the organization lists are in the snapshot)");
  }

  @Test
  void everyRecordedReasonExplainsAMissingAccount() {
    for (Exclusion reason : Exclusion.values()) {
      Snapshot s = snapshot(tree("ACTIVE"), List.of(new ExcludedAccount(OLD, reason)), MGMT, PROD);
      assertThat(AuditScope.findings(s, 40)).as(reason.name()).isEmpty();
    }
  }

  @Test
  void aSuspendedAccountInTheTreeNeedsNoRecordedReason() {
    assertThat(AuditScope.findings(snapshot(tree("SUSPENDED"), List.of(), MGMT, PROD), 40))
        .isEmpty();
    assertThat(AuditScope.findings(snapshot(tree("PENDING_CLOSURE"), List.of(), MGMT, PROD), 40))
        .isEmpty();
  }

  @Test
  void aReasonForOneAccountDoesNotExplainAnother() {
    Snapshot s =
        snapshot(tree("ACTIVE"), List.of(new ExcludedAccount(OLD, Exclusion.EXCLUDED)), MGMT);
    assertThat(AuditScope.findings(s, 40)).extracting(Finding::account).containsExactly(PROD);
  }

  @Test
  void withoutAnOrganizationTreeTheAccountsAreNotCompared() {
    Snapshot s =
        new Snapshot(
            Snapshot.SCHEMA_VERSION,
            Fixtures.NOW,
            new CollectionInfo(
                "trailaudit", "test", "live", null, "us-east-1", List.of(), List.of()),
            Fixtures.denied("organizations", "ListRoots"),
            List.of(Fixtures.account(PROD)),
            List.of(),
            List.of(),
            List.of(),
            null);
    assertThat(AuditScope.findings(s, 12)).isEmpty();
  }

  @Test
  void anAuditWhoseChecksFoundNothingIsAnErrorNotAPass() {
    List<Finding> f = AuditScope.findings(snapshot(null, List.of(), MGMT), 0);

    assertThat(f).singleElement();
    assertThat(f.get(0).status()).isEqualTo(Status.ERROR);
    assertThat(f.get(0).message())
        .isEqualTo(
            "no check produced a finding for the 1 account(s) of the snapshot: nothing was"
                + " verified");
  }

  @Test
  void theRunnerAddsTheScopeFindingEvenWhenTheChecksAreNarrowed() {
    AccountSnapshot mgmt = Fixtures.account(MGMT, Fixtures.orgTrail());
    Snapshot s =
        new Snapshot(
            Snapshot.SCHEMA_VERSION,
            Fixtures.NOW,
            new CollectionInfo(
                "trailaudit", "test", "live", null, "us-east-1", List.of(), List.of()),
            Observed.known(tree("ACTIVE")),
            List.of(mgmt),
            List.of(),
            List.of(),
            List.of(),
            null);
    List<Finding> f =
        CheckRunner.discover()
            .run(s, io.trailaudit.config.AuditConfig.defaults(), List.of("log-file-validation"));

    assertThat(f)
        .filteredOn(x -> x.ruleId().equals("audit/scope"))
        .extracting(Finding::account)
        .containsExactly(PROD, OLD);
  }

  @Test
  void theRuleIsCataloguedWithNoControls() {
    RequirementInfo r = Catalogs.builtIn().rule("audit/scope").orElseThrow();
    assertThat(r.controls()).isEmpty();
    assertThat(r.severity()).isEqualTo(Severity.HIGH);
  }
}
