package io.trailaudit.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.collect.HistoryPlan.Lookup;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPlanTest {
  static final Snapshot DEMO = Snapshots.read(Path.of("examples/snapshots/demo-org.json"));
  static final String ORG_TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail";

  @SafeVarargs
  private static List<String> names(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return all;
  }

  @Test
  void eachResourceIsSearchedForWhereItLivesOncePerAccountAndRegion() {
    List<Lookup> plan = HistoryPlan.of(DEMO);

    assertThat(plan)
        .extracting(Lookup::account, Lookup::region)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("111111111111", "us-east-1"),
            org.assertj.core.groups.Tuple.tuple("111111111111", "us-west-2"),
            org.assertj.core.groups.Tuple.tuple("222222222222", "us-east-1"),
            org.assertj.core.groups.Tuple.tuple("333333333333", "eu-west-1"));

    // The management account's home region: the organization trail, its event data store, its
    // alerting chain, and (Organizations being recorded in us-east-1) the SCPs and the root.
    Lookup management = plan.get(0);
    assertThat(management.eventNames())
        .containsExactlyElementsOf(
            names(
                HistoryPlan.TRAIL_EVENTS,
                HistoryPlan.EVENT_DATA_STORE_EVENTS,
                HistoryPlan.ALERTING_EVENTS,
                HistoryPlan.SCP_EVENTS));
    assertThat(management.resources())
        .contains(
            ORG_TRAIL,
            "org-trail",
            "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/"
                + "a1b2c3d4-0f1e-4d2c-9b8a-7e6f5d4c3b2a",
            "a1b2c3d4-0f1e-4d2c-9b8a-7e6f5d4c3b2a",
            "aws-cloudtrail-logs-org",
            "arn:aws:logs:us-east-1:111111111111:log-group:aws-cloudtrail-logs-org",
            "cis-cloudtrail-changes",
            "arn:aws:sns:us-east-1:111111111111:security-alerts",
            "p-protecttrail1",
            "p-FullAWSAccess",
            "r-a1b2");

    // A single-region trail in its home region only.
    assertThat(plan.get(1).eventNames()).containsExactlyElementsOf(HistoryPlan.TRAIL_EVENTS);
    assertThat(plan.get(1).resources())
        .containsExactlyInAnyOrder(
            "arn:aws:cloudtrail:us-west-2:111111111111:trail/legacy-audit", "legacy-audit");

    // The log-archive account holds the organization trail's bucket and key.
    Lookup archive = plan.get(2);
    assertThat(archive.eventNames())
        .containsExactlyElementsOf(names(HistoryPlan.BUCKET_EVENTS, HistoryPlan.KEY_EVENTS));
    assertThat(archive.resources())
        .containsExactlyInAnyOrder(
            "acme-org-cloudtrail-222222222222",
            "arn:aws:s3:::acme-org-cloudtrail-222222222222",
            "arn:aws:kms:us-east-1:222222222222:key/6f1c2a4e-8d3b-4c7e-9a51-2b0e7d9c4f13",
            "6f1c2a4e-8d3b-4c7e-9a51-2b0e7d9c4f13");

    // A member's own trail and its bucket, both in eu-west-1.
    assertThat(plan.get(3).eventNames())
        .containsExactlyElementsOf(names(HistoryPlan.TRAIL_EVENTS, HistoryPlan.BUCKET_EVENTS));
  }

  @Test
  void aBucketWhoseRegionCouldNotBeReadIsStillPlannedWithoutARegion() {
    var b = DEMO.buckets().get(0);
    var unreadable =
        new io.trailaudit.model.Bucket(
            b.name(),
            b.accountId(),
            Observed.unavailable("s3", "GetBucketLocation", "AccessDenied", "Access Denied"),
            b.policy(),
            b.policyIsPublic(),
            b.acl(),
            b.publicAccessBlock(),
            b.versioning(),
            b.objectLock(),
            b.logging(),
            b.encryption(),
            b.topLevelEntries(),
            b.lifecycleRules());
    Snapshot s =
        new Snapshot(
            DEMO.schemaVersion(),
            DEMO.collectedAt(),
            DEMO.collection(),
            DEMO.organization(),
            List.of(),
            List.of(unreadable),
            List.of(),
            List.of(),
            null);

    assertThat(HistoryPlan.of(s))
        .containsExactly(
            new Lookup(
                "111111111111",
                "us-east-1",
                HistoryPlan.SCP_EVENTS,
                java.util.Set.of(
                    "p-FullAWSAccess",
                    "p-denytamper1",
                    "p-protectlogs1",
                    "p-protecttrail1",
                    "r-a1b2")),
            new Lookup(
                "222222222222",
                null,
                HistoryPlan.BUCKET_EVENTS,
                java.util.Set.of(b.name(), "arn:aws:s3:::" + b.name())));
  }

  @Test
  void organizationsEventsAreInThePartitionsOrganizationsRegion() {
    assertThat(HistoryPlan.organizationsRegion("aws")).isEqualTo("us-east-1");
    assertThat(HistoryPlan.organizationsRegion("aws-us-gov")).isEqualTo("us-gov-west-1");
    assertThat(HistoryPlan.organizationsRegion("aws-cn")).isEqualTo("cn-northwest-1");
  }

  @Test
  void theDemoHoldsABlindWindowAndABucketPolicyChangeAndItsRevert() {
    List<io.trailaudit.model.EventHistory> history = DEMO.eventHistory().value();
    io.trailaudit.model.EventHistory management = history.get(0);
    assertThat(management.events().value())
        .extracting(io.trailaudit.model.ChangeEvent::eventName)
        .containsExactly("StopLogging", "StartLogging");
    var stop = management.events().value().get(0);
    var start = management.events().value().get(1);
    assertThat(java.time.Duration.between(stop.eventTime(), start.eventTime()).toMinutes())
        .isEqualTo(35);
    assertThat(stop.principal().sessionIssuerArn())
        .isEqualTo("arn:aws:iam::111111111111:role/DevOpsAdmin");
    assertThat(stop.sourceIpAddress()).isEqualTo("203.0.113.7");
    assertThat(stop.userAgent()).startsWith("aws-cli/2.");

    io.trailaudit.model.EventHistory archive = history.get(2);
    assertThat(archive.account()).isEqualTo("222222222222");
    assertThat(archive.events().value())
        .extracting(e -> e.eventName() + " " + e.principal().sessionIssuerArn())
        .containsExactly(
            "PutBucketPolicy arn:aws:iam::222222222222:role/LogArchiveOperator",
            "PutBucketPolicy arn:aws:iam::222222222222:role/BreakGlassLogAdmin");
    assertThat(
            DEMO.account("111111111111").orElseThrow().trails().get(0).eventConfiguration().value())
        .isEqualTo(
            new io.trailaudit.model.EventConfiguration(
                "Standard",
                List.of(
                    new io.trailaudit.model.EventConfiguration.Aggregation(
                        "Data", List.of("API_ACTIVITY", "RESOURCE_ACCESS")))));
  }
}
