package io.trailaudit.collect;

import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.EventConfiguration;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import io.trailaudit.model.TrailStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventConfigurationResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetEventDataStoreResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.InsightNotEnabledException;
import software.amazon.awssdk.services.cloudtrail.model.ListEventDataStoresResponse;
import software.amazon.awssdk.services.cloudtrail.model.ListTagsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;
import software.amazon.awssdk.services.cloudtrail.model.Tag;

/**
 * CloudTrail reads of one account in one region: the trails it sees, the per-trail reads (made from
 * the trail's home region), and CloudTrail Lake event data stores.
 *
 * <p>Error shapes with a meaning: {@code InsightNotEnabledException} is a known empty list of
 * insight selectors. An organization trail read from a member account fails with {@code
 * TrailNotFoundException} or {@code CloudTrailARNInvalidException}: that stays {@code Unavailable}
 * on the read concerned, so checks use the owner's reads or report ERROR, never "not logging".
 */
public final class TrailReader {
  private static final String SERVICE = "cloudtrail";
  private final CloudTrailClient client;

  public TrailReader(CloudTrailClient client) {
    this.client = client;
  }

  /**
   * {@code DescribeTrails} with shadow trails: every trail this region sees, with its per-trail
   * reads not yet made.
   */
  public Observed<List<Trail>> describeTrails() {
    return Reads.read(
        SERVICE,
        "DescribeTrails",
        () ->
            client.describeTrails(r -> r.includeShadowTrails(true)).trailList().stream()
                .map(TrailReader::trail)
                .toList());
  }

  /** The per-trail reads; the client must be of the trail's home region. */
  public Trail withDetails(Trail described) {
    return withDetails(described, Runnable::run).join();
  }

  /** {@link #withDetails(Trail)} with the four reads tasks on {@code reads}, all at once. */
  public CompletableFuture<Trail> withDetails(Trail described, Executor reads) {
    String arn = described.arn();
    Fanout f = new Fanout(reads);
    CompletableFuture<Observed<TrailStatus>> status = f.task(() -> status(arn));
    CompletableFuture<Observed<EventSelectors>> selectors = f.task(() -> eventSelectors(arn));
    CompletableFuture<Observed<List<InsightSelector>>> insights =
        f.task(() -> insightSelectors(arn));
    CompletableFuture<Observed<Map<String, String>>> tags = f.task(() -> tags(arn));
    CompletableFuture<Observed<EventConfiguration>> configuration =
        f.then(
            selectors,
            s ->
                logsDataEvents(s)
                    ? CompletableFuture.supplyAsync(() -> eventConfiguration(arn), reads)
                    : CompletableFuture.completedFuture(Observed.<EventConfiguration>known(null)));
    return f.all()
        .thenApply(
            done ->
                described.toBuilder()
                    .status(status.join())
                    .eventSelectors(selectors.join())
                    .insightSelectors(insights.join())
                    .tags(tags.join())
                    .eventConfiguration(configuration.join())
                    .build());
  }

  /**
   * Whether {@code GetEventConfiguration} is worth asking: the trail logs data events, or its
   * selectors could not be read (then it may).
   */
  static boolean logsDataEvents(Observed<EventSelectors> selectors) {
    if (!selectors.isKnown() || selectors.value() == null) {
      return true;
    }
    EventSelectors s = selectors.value();
    return s.classic().stream().anyMatch(c -> !c.dataResources().isEmpty())
        || s.advanced().stream()
            .anyMatch(
                a ->
                    a.fieldSelectors().stream()
                        .anyMatch(
                            fs ->
                                "eventCategory".equals(fs.field())
                                    && fs.equalsValues() != null
                                    && fs.equalsValues().contains("Data")));
  }

  /** {@code GetEventConfiguration}: the trail's data-event aggregation (November 2025). */
  Observed<EventConfiguration> eventConfiguration(String arn) {
    return Reads.read(
        SERVICE,
        "GetEventConfiguration",
        () -> {
          GetEventConfigurationResponse r = client.getEventConfiguration(q -> q.trailName(arn));
          return new EventConfiguration(
              r.maxEventSizeAsString(),
              r.aggregationConfigurations().stream()
                  .map(
                      a ->
                          new EventConfiguration.Aggregation(
                              a.eventCategoryAsString(), a.templatesAsStrings()))
                  .toList());
        });
  }

  Observed<TrailStatus> status(String arn) {
    return Reads.read(
        SERVICE, "GetTrailStatus", () -> status(client.getTrailStatus(r -> r.name(arn))));
  }

  Observed<EventSelectors> eventSelectors(String arn) {
    return Reads.read(
        SERVICE,
        "GetEventSelectors",
        () -> selectors(client.getEventSelectors(r -> r.trailName(arn))));
  }

  Observed<List<InsightSelector>> insightSelectors(String arn) {
    return Reads.read(
        SERVICE,
        "GetInsightSelectors",
        () -> {
          try {
            return client.getInsightSelectors(r -> r.trailName(arn)).insightSelectors().stream()
                .map(
                    s -> new InsightSelector(s.insightTypeAsString(), s.eventCategoriesAsStrings()))
                .toList();
          } catch (InsightNotEnabledException e) {
            return List.of();
          }
        });
  }

  Observed<Map<String, String>> tags(String arn) {
    return Reads.read(
        SERVICE,
        "ListTags",
        () -> {
          Map<String, String> tags = new TreeMap<>();
          String token = null;
          do {
            String next = token;
            ListTagsResponse page = client.listTags(r -> r.resourceIdList(arn).nextToken(next));
            for (ResourceTag resource : page.resourceTagList()) {
              if (arn.equals(resource.resourceId())) {
                for (Tag tag : resource.tagsList()) {
                  tags.put(tag.key(), tag.value());
                }
              }
            }
            token = page.nextToken();
          } while (token != null && !token.isEmpty());
          return Collections.unmodifiableMap(tags);
        });
  }

  /**
   * {@code ListEventDataStores}, then {@code GetEventDataStore} per store (the summaries lack the
   * KMS key). One store that cannot be read makes the list unavailable: a partial list would hide
   * that store from the checks.
   */
  public Observed<List<EventDataStore>> eventDataStores() {
    List<String> arns = new ArrayList<>();
    Observed<List<String>> listed =
        Reads.read(
            SERVICE,
            "ListEventDataStores",
            () -> {
              String token = null;
              do {
                String next = token;
                ListEventDataStoresResponse page =
                    client.listEventDataStores(r -> r.nextToken(next));
                page.eventDataStores().forEach(s -> arns.add(s.eventDataStoreArn()));
                token = page.nextToken();
              } while (token != null && !token.isEmpty());
              return List.copyOf(arns);
            });
    if (!listed.isKnown()) {
      return Observed.unavailable(
          listed.failure().service(),
          listed.failure().operation(),
          listed.failure().errorCode(),
          listed.failure().message());
    }
    List<EventDataStore> stores = new ArrayList<>();
    for (String arn : listed.value()) {
      Observed<EventDataStore> store =
          Reads.read(
              SERVICE,
              "GetEventDataStore",
              () -> eventDataStore(client.getEventDataStore(r -> r.eventDataStore(arn))));
      if (!store.isKnown()) {
        Observed.Unavailable<EventDataStore> u = store.failure();
        return Observed.unavailable(
            u.service(), u.operation(), u.errorCode(), arn + ": " + u.message());
      }
      stores.add(store.value());
    }
    return Observed.known(List.copyOf(stores));
  }

  private static Trail trail(software.amazon.awssdk.services.cloudtrail.model.Trail t) {
    return Trail.builder()
        .arn(t.trailARN())
        .name(t.name())
        .homeRegion(t.homeRegion())
        .isOrganizationTrail(Boolean.TRUE.equals(t.isOrganizationTrail()))
        .isMultiRegionTrail(Boolean.TRUE.equals(t.isMultiRegionTrail()))
        .includeGlobalServiceEvents(Boolean.TRUE.equals(t.includeGlobalServiceEvents()))
        .logFileValidationEnabled(Boolean.TRUE.equals(t.logFileValidationEnabled()))
        .s3BucketName(t.s3BucketName())
        .s3KeyPrefix(t.s3KeyPrefix())
        .kmsKeyId(t.kmsKeyId())
        .cloudWatchLogsLogGroupArn(t.cloudWatchLogsLogGroupArn())
        .cloudWatchLogsRoleArn(t.cloudWatchLogsRoleArn())
        .snsTopicArn(t.snsTopicARN())
        .build();
  }

  private static TrailStatus status(GetTrailStatusResponse s) {
    return new TrailStatus(
        Boolean.TRUE.equals(s.isLogging()),
        s.latestDeliveryTime(),
        s.latestDeliveryError(),
        s.latestDigestDeliveryTime(),
        s.latestDigestDeliveryError(),
        s.latestCloudWatchLogsDeliveryTime(),
        s.latestCloudWatchLogsDeliveryError(),
        s.startLoggingTime(),
        s.stopLoggingTime());
  }

  private static EventSelectors selectors(GetEventSelectorsResponse r) {
    List<EventSelectors.EventSelector> classic =
        r.eventSelectors().stream()
            .map(
                s ->
                    new EventSelectors.EventSelector(
                        s.readWriteTypeAsString(),
                        !Boolean.FALSE.equals(s.includeManagementEvents()),
                        s.excludeManagementEventSources(),
                        s.dataResources().stream()
                            .map(d -> new EventSelectors.DataResource(d.type(), d.values()))
                            .toList()))
            .toList();
    return new EventSelectors(classic, advanced(r.advancedEventSelectors()));
  }

  static List<AdvancedEventSelector> advanced(
      List<software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector> selectors) {
    return selectors.stream()
        .map(
            s ->
                new AdvancedEventSelector(
                    s.name(), s.fieldSelectors().stream().map(TrailReader::field).toList()))
        .toList();
  }

  /** Operators not given stay null, as the model documents. */
  private static AdvancedEventSelector.FieldSelector field(AdvancedFieldSelector f) {
    return new AdvancedEventSelector.FieldSelector(
        f.field(),
        f.hasEqualsValue() ? f.equalsValue() : null,
        f.hasNotEquals() ? f.notEquals() : null,
        f.hasStartsWith() ? f.startsWith() : null,
        f.hasNotStartsWith() ? f.notStartsWith() : null,
        f.hasEndsWith() ? f.endsWith() : null,
        f.hasNotEndsWith() ? f.notEndsWith() : null);
  }

  private static EventDataStore eventDataStore(GetEventDataStoreResponse s) {
    return new EventDataStore(
        s.eventDataStoreArn(),
        s.name(),
        s.statusAsString(),
        Boolean.TRUE.equals(s.multiRegionEnabled()),
        Boolean.TRUE.equals(s.organizationEnabled()),
        s.retentionPeriod(),
        Boolean.TRUE.equals(s.terminationProtectionEnabled()),
        s.kmsKeyId(),
        s.billingModeAsString(),
        advanced(s.advancedEventSelectors()));
  }
}
