package io.trailaudit.checks;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.classic;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.logging;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.stopped;
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailIndexTest {
  private static <T> Observed<T> trailNotFound(String operation) {
    return Observed.unavailable("cloudtrail", operation, "TrailNotFoundException", "Unknown trail");
  }

  private static Trail shadow() {
    return withSelectors(
        withStatus(orgTrail(), trailNotFound("GetTrailStatus")),
        trailNotFound("GetEventSelectors"));
  }

  private static TrailView view(TrailIndex index) {
    List<TrailView> all = index.all();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void oneViewPerArnInSnapshotOrder() {
    Trail eu = regionalTrail(MEMBER, "eu-west-1", "eu");
    TrailIndex index =
        TrailIndex.of(snapshot(account(MEMBER, eu, orgTrail()), account(MGMT, orgTrail())));
    assertThat(index.all()).extracting(TrailView::arn).containsExactly(eu.arn(), TRAIL_ARN);
  }

  @Test
  void theOwnersReadsWinOverAMembersFailedReads() {
    for (List<AccountSnapshot> order :
        List.of(
            List.of(account(MGMT, orgTrail()), account(MEMBER, shadow())),
            List.of(account(MEMBER, shadow()), account(MGMT, orgTrail())))) {
      TrailView v = view(TrailIndex.of(snapshot(order, List.of(), List.of())));
      assertThat(v.status()).isEqualTo(Observed.known(logging()));
      assertThat(v.selectors().isKnown()).isTrue();
      assertThat(v.isLogging()).isTrue();
      assertThat(v.account()).isEqualTo(MGMT);
    }
  }

  @Test
  void theOwnersDescriptionIsUsed() {
    Trail memberCopy = withFlags(shadow(), true, true, false, false);
    TrailView v =
        view(TrailIndex.of(snapshot(account(MEMBER, memberCopy), account(MGMT, orgTrail()))));
    assertThat(v.trail()).isEqualTo(orgTrail());
  }

  @Test
  void aMembersKnownReadIsUsedWhenTheOwnersFailed() {
    Trail ownerCopy = withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"));
    Trail memberCopy = withStatus(orgTrail(), Observed.known(stopped()));
    TrailView v =
        view(TrailIndex.of(snapshot(account(MGMT, ownerCopy), account(MEMBER, memberCopy))));
    assertThat(v.status()).isEqualTo(Observed.known(stopped()));
    assertThat(v.isKnownStopped()).isTrue();
  }

  @Test
  void theOwnersFailureIsReportedWhenNoReadSucceeded() {
    Trail ownerCopy = withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus"));
    TrailView v =
        view(TrailIndex.of(snapshot(account(MEMBER, shadow()), account(MGMT, ownerCopy))));
    assertThat(v.status().isKnown()).isFalse();
    assertThat(v.status().failure().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(v.isLogging()).isFalse();
    assertThat(v.isKnownStopped()).isFalse();
  }

  @Test
  void withoutTheOwnerTheMembersFailureIsKept() {
    TrailView v = view(TrailIndex.of(snapshot(account(MEMBER, shadow()))));
    assertThat(v.status().failure().errorCode()).isEqualTo("TrailNotFoundException");
    assertThat(v.selectors().failure().operation()).isEqualTo("GetEventSelectors");
    assertThat(v.account()).isEqualTo(MGMT);
    assertThat(v.resource()).isEqualTo(new Resource(MGMT, "us-east-1", TRAIL_ARN));
    assertThat(v.managementCoverage().some()).isFalse();
  }

  @Test
  void visibleFromResolvesAnAccountsTrailsToTheMergedViews() {
    Trail own = regionalTrail(MEMBER, "eu-west-1", "own");
    AccountSnapshot member = account(MEMBER, shadow(), own);
    TrailIndex index = TrailIndex.of(snapshot(member, account(MGMT, orgTrail())));
    List<TrailView> seen = index.visibleFrom(member);
    assertThat(seen).extracting(TrailView::arn).containsExactly(TRAIL_ARN, own.arn());
    assertThat(seen.get(0).isLogging()).isTrue();
    assertThat(index.visibleFrom(account(MGMT, orgTrail())))
        .extracting(TrailView::arn)
        .containsExactly(TRAIL_ARN);
  }

  @Test
  void viewCoverageFollowsTheSelectors() {
    Trail reads = withSelectors(orgTrail(), Observed.known(classic("ReadOnly", List.of())));
    TrailView v = view(TrailIndex.of(snapshot(account(MGMT, reads))));
    assertThat(v.managementCoverage().read()).isTrue();
    assertThat(v.managementCoverage().full()).isFalse();
    assertThat(v.label()).isEqualTo("org-trail (" + TRAIL_ARN + ")");
  }
}
