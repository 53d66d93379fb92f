package io.trailaudit.testing;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hand-built snapshots for check tests: a healthy baseline that each test changes in one place.
 * Records are immutable, so "changing" means building a new one with a {@code with…} helper.
 */
public final class Fixtures {
  public static final Instant NOW = Instant.parse("2026-11-20T09:30:00Z");
  public static final String MGMT = "111111111111";
  public static final String MEMBER = "222222222222";
  public static final String ORG_ID = "o-exampleorg1";
  public static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
  public static final String BUCKET = "org-trail-logs-" + MEMBER;
  public static final String KEY_ARN =
      "arn:aws:kms:us-east-1:" + MEMBER + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
  public static final String TRAIL_ARN =
      "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/org-trail";

  private Fixtures() {}

  public static OrganizationMembership membership() {
    return new OrganizationMembership(
        ORG_ID, "arn:aws:organizations::" + MGMT + ":organization/" + ORG_ID, MGMT, "ALL");
  }

  public static <T> Observed<T> denied(String service, String operation) {
    return Observed.unavailable(service, operation, "AccessDeniedException", "not authorized");
  }

  public static TrailStatus logging() {
    return new TrailStatus(
        true,
        NOW.minusSeconds(600),
        null,
        NOW.minusSeconds(1800),
        null,
        NOW.minusSeconds(600),
        null,
        Instant.parse("2024-01-01T00:00:00Z"),
        null);
  }

  public static TrailStatus stopped() {
    return new TrailStatus(
        false,
        Instant.parse("2025-01-01T00:00:00Z"),
        null,
        null,
        null,
        null,
        null,
        Instant.parse("2024-01-01T00:00:00Z"),
        Instant.parse("2025-01-01T00:00:00Z"));
  }

  /** The default selector CloudTrail reports for a trail created without selectors. */
  public static EventSelectors allManagement() {
    return new EventSelectors(
        List.of(new EventSelector("All", true, List.of(), List.of())), List.of());
  }

  public static EventSelectors classic(String readWriteType, List<String> excluded) {
    return new EventSelectors(
        List.of(new EventSelector(readWriteType, true, excluded, List.of())), List.of());
  }

  public static EventSelectors advanced(AdvancedEventSelector... selectors) {
    return new EventSelectors(List.of(), List.of(selectors));
  }

  public static AdvancedEventSelector selector(String name, FieldSelector... fields) {
    return new AdvancedEventSelector(name, List.of(fields));
  }

  public static FieldSelector fieldEquals(String field, String... values) {
    return new FieldSelector(field, List.of(values), null, null, null, null, null);
  }

  public static FieldSelector fieldNotEquals(String field, String... values) {
    return new FieldSelector(field, null, List.of(values), null, null, null, null);
  }

  /** A logging, multi-region organization trail owned by {@link #MGMT}. */
  public static Trail orgTrail() {
    return Trail.builder()
        .arn(TRAIL_ARN)
        .name("org-trail")
        .homeRegion("us-east-1")
        .isOrganizationTrail(true)
        .isMultiRegionTrail(true)
        .includeGlobalServiceEvents(true)
        .logFileValidationEnabled(true)
        .s3BucketName(BUCKET)
        .kmsKeyId(KEY_ARN)
        .status(Observed.known(logging()))
        .eventSelectors(Observed.known(allManagement()))
        .insightSelectors(Observed.known(List.of()))
        .tags(Observed.known(Map.of()))
        .build();
  }

  /** A single-region, non-organization trail of {@code account} in {@code region}. */
  public static Trail regionalTrail(String account, String region, String name) {
    return Trail.builder()
        .arn("arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name)
        .name(name)
        .homeRegion(region)
        .s3BucketName(BUCKET)
        .status(Observed.known(logging()))
        .eventSelectors(Observed.known(allManagement()))
        .insightSelectors(Observed.known(List.of()))
        .tags(Observed.known(Map.of()))
        .build();
  }

  /** A trail's fields, to change one or two in a test and build a new trail. */
  public static final class TrailEdit {
    public String arn;
    public String name;
    public String homeRegion;
    public boolean isOrganizationTrail;
    public boolean isMultiRegionTrail;
    public boolean includeGlobalServiceEvents;
    public boolean logFileValidationEnabled;
    public String s3BucketName;
    public String s3KeyPrefix;
    public String kmsKeyId;
    public String cloudWatchLogsLogGroupArn;
    public String cloudWatchLogsRoleArn;
    public String snsTopicArn;
    public Observed<TrailStatus> status;
    public Observed<EventSelectors> eventSelectors;
    public Observed<List<InsightSelector>> insightSelectors;
    public Observed<Map<String, String>> tags;

    TrailEdit(Trail t) {
      arn = t.arn();
      name = t.name();
      homeRegion = t.homeRegion();
      isOrganizationTrail = t.isOrganizationTrail();
      isMultiRegionTrail = t.isMultiRegionTrail();
      includeGlobalServiceEvents = t.includeGlobalServiceEvents();
      logFileValidationEnabled = t.logFileValidationEnabled();
      s3BucketName = t.s3BucketName();
      s3KeyPrefix = t.s3KeyPrefix();
      kmsKeyId = t.kmsKeyId();
      cloudWatchLogsLogGroupArn = t.cloudWatchLogsLogGroupArn();
      cloudWatchLogsRoleArn = t.cloudWatchLogsRoleArn();
      snsTopicArn = t.snsTopicArn();
      status = t.status();
      eventSelectors = t.eventSelectors();
      insightSelectors = t.insightSelectors();
      tags = t.tags();
    }

    Trail build() {
      return Trail.builder()
          .arn(arn)
          .name(name)
          .homeRegion(homeRegion)
          .isOrganizationTrail(isOrganizationTrail)
          .isMultiRegionTrail(isMultiRegionTrail)
          .includeGlobalServiceEvents(includeGlobalServiceEvents)
          .logFileValidationEnabled(logFileValidationEnabled)
          .s3BucketName(s3BucketName)
          .s3KeyPrefix(s3KeyPrefix)
          .kmsKeyId(kmsKeyId)
          .cloudWatchLogsLogGroupArn(cloudWatchLogsLogGroupArn)
          .cloudWatchLogsRoleArn(cloudWatchLogsRoleArn)
          .snsTopicArn(snsTopicArn)
          .status(status)
          .eventSelectors(eventSelectors)
          .insightSelectors(insightSelectors)
          .tags(tags)
          .build();
    }
  }

  /** A copy of {@code t} with what {@code change} sets. */
  public static Trail edit(Trail t, Consumer<TrailEdit> change) {
    TrailEdit e = new TrailEdit(t);
    change.accept(e);
    return e.build();
  }

  public static Trail withStatus(Trail t, Observed<TrailStatus> status) {
    return edit(t, e -> e.status = status);
  }

  public static Trail withSelectors(Trail t, Observed<EventSelectors> selectors) {
    return edit(t, e -> e.eventSelectors = selectors);
  }

  /** A copy with other description flags: multi-region, organization, global events, validation. */
  public static Trail withFlags(
      Trail t,
      boolean multiRegion,
      boolean organization,
      boolean globalEvents,
      boolean validation) {
    return t.toBuilder()
        .isMultiRegionTrail(multiRegion)
        .isOrganizationTrail(organization)
        .includeGlobalServiceEvents(globalEvents)
        .logFileValidationEnabled(validation)
        .build();
  }

  public static Trail withKey(Trail t, String kmsKeyId) {
    return edit(t, e -> e.kmsKeyId = kmsKeyId);
  }

  public static Trail withBucket(Trail t, String bucket, String prefix) {
    return edit(
        t,
        e -> {
          e.s3BucketName = bucket;
          e.s3KeyPrefix = prefix;
        });
  }

  public static RegionSnapshot region(String region, List<String> trailArns) {
    return RegionSnapshot.builder().region(region).trailArns(Observed.known(trailArns)).build();
  }

  public static RegionSnapshot regionUnreadable(String region) {
    return RegionSnapshot.builder()
        .region(region)
        .trailArns(denied("cloudtrail", "DescribeTrails"))
        .build();
  }

  /**
   * An account in the organization that sees {@code trails} in every region of {@link #REGIONS}.
   */
  public static AccountSnapshot account(String id, Trail... trails) {
    List<RegionSnapshot> regions = new ArrayList<>();
    for (String r : REGIONS) {
      List<String> arns = new ArrayList<>();
      for (Trail t : trails) {
        if (t.isMultiRegionTrail() || t.homeRegion().equals(r)) {
          arns.add(t.arn());
        }
      }
      regions.add(region(r, arns));
    }
    return new AccountSnapshot(
        id,
        null,
        Observed.known(membership()),
        Observed.known(REGIONS),
        Observed.known(allOn()),
        regions,
        List.of(trails));
  }

  public static AccountSnapshot withOrganization(
      AccountSnapshot a, Observed<OrganizationMembership> org) {
    return new AccountSnapshot(
        a.accountId(),
        a.name(),
        org,
        a.enabledRegions(),
        a.s3PublicAccessBlock(),
        a.regions(),
        a.trails());
  }

  public static AccountSnapshot withEnabledRegions(
      AccountSnapshot a, Observed<List<String>> regions) {
    return new AccountSnapshot(
        a.accountId(),
        a.name(),
        a.organization(),
        regions,
        a.s3PublicAccessBlock(),
        a.regions(),
        a.trails());
  }

  public static AccountSnapshot withRegions(AccountSnapshot a, List<RegionSnapshot> regions) {
    return new AccountSnapshot(
        a.accountId(),
        a.name(),
        a.organization(),
        a.enabledRegions(),
        a.s3PublicAccessBlock(),
        regions,
        a.trails());
  }

  public static AccountSnapshot withPublicAccessBlock(
      AccountSnapshot a, Observed<PublicAccessBlock> pab) {
    return new AccountSnapshot(
        a.accountId(),
        a.name(),
        a.organization(),
        a.enabledRegions(),
        pab,
        a.regions(),
        a.trails());
  }

  public static PublicAccessBlock allOn() {
    return new PublicAccessBlock(true, true, true, true);
  }

  public static Snapshot snapshot(
      List<AccountSnapshot> accounts, List<Bucket> buckets, List<KmsKey> keys) {
    return Snapshot.builder()
        .schemaVersion(Snapshot.SCHEMA_VERSION)
        .collectedAt(NOW)
        .collection(
            CollectionInfo.builder()
                .tool("trailaudit")
                .toolVersion("test")
                .method("fixture")
                .homeRegion("us-east-1")
                .regions(REGIONS)
                .build())
        .organization(Observed.known(null))
        .accounts(accounts)
        .buckets(buckets)
        .keys(keys)
        .build();
  }

  public static Snapshot snapshot(AccountSnapshot... accounts) {
    return snapshot(List.of(accounts), List.of(), List.of());
  }
}
