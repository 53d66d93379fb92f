package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.RemediationConfiguration;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.StandardsSubscription;
import io.trailaudit.model.Trail;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The readers the collector runs for each account and region it reads. Adding a reader is one entry
 * in {@link #ACCOUNT} or {@link #REGION}; the order of the entries is the order their first reads
 * are queued.
 */
final class ServiceReaders {
  private ServiceReaders() {}

  /** Account-wide reads, besides the enabled regions (which decide the regions to read). */
  static final List<AccountReader> ACCOUNT = List.of(ServiceReaders::s3PublicAccessBlock);

  /** Per-region reads, besides {@code DescribeTrails} (whose trails are read once overall). */
  static final List<RegionReader> REGION =
      List.of(
          ServiceReaders::eventDataStores,
          ServiceReaders::configRecorders,
          ServiceReaders::configRules,
          ServiceReaders::securityHub,
          ServiceReaders::alerting,
          ServiceReaders::glueTables);

  static CompletableFuture<Consumer<AccountSnapshot.Builder>> s3PublicAccessBlock(
      ReadScope home, String accountId) {
    return home.<Observed<PublicAccessBlock>>read(
            AwsService.S3_CONTROL,
            () -> BucketReader.of(home).accountPublicAccessBlock(accountId),
            e -> Reads.unavailable("s3control", "GetPublicAccessBlock", e))
        .thenApply(block -> a -> a.s3PublicAccessBlock(block));
  }

  static CompletableFuture<Consumer<RegionSnapshot.Builder>> eventDataStores(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return in.<Observed<List<EventDataStore>>>read(
            AwsService.CLOUDTRAIL,
            () -> new TrailReader(in.client(AwsService.CLOUDTRAIL)).eventDataStores(),
            e -> Reads.unavailable("cloudtrail", "ListEventDataStores", e))
        .thenApply(stores -> r -> r.eventDataStores(stores));
  }

  static CompletableFuture<Consumer<RegionSnapshot.Builder>> configRecorders(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return in.<Observed<List<ConfigRecorder>>>read(
            AwsService.CONFIG,
            () -> new ConfigReader(in.client(AwsService.CONFIG)).recorders(),
            e -> Reads.unavailable("config", "DescribeConfigurationRecorders", e))
        .thenApply(recorders -> r -> r.configRecorders(recorders));
  }

  /** AWS Config rules, then their remediation configurations. */
  static CompletableFuture<Consumer<RegionSnapshot.Builder>> configRules(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return in.read(
        AwsService.CONFIG,
        () -> {
          ConfigReader config = new ConfigReader(in.client(AwsService.CONFIG));
          Observed<List<ConfigRule>> rules = config.rules();
          Observed<List<RemediationConfiguration>> remediations =
              rules.isKnown() ? config.remediations(rules.value()) : Failures.of(rules);
          return (Consumer<RegionSnapshot.Builder>)
              r -> r.configRules(rules).remediationConfigurations(remediations);
        },
        e -> {
          Observed<List<ConfigRule>> failed = Reads.unavailable("config", "DescribeConfigRules", e);
          return r -> r.configRules(failed).remediationConfigurations(Failures.of(failed));
        });
  }

  /** The Security Hub hub, then its enabled standards. */
  static CompletableFuture<Consumer<RegionSnapshot.Builder>> securityHub(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return in.read(
        AwsService.SECURITY_HUB,
        () -> {
          SecurityHubReader reader = new SecurityHubReader(in.client(AwsService.SECURITY_HUB));
          Observed<SecurityHubHub> hub = reader.hub();
          Observed<List<StandardsSubscription>> standards = reader.standards(hub);
          return (Consumer<RegionSnapshot.Builder>)
              r -> r.securityHub(hub).securityHubStandards(standards);
        },
        e -> {
          Observed<SecurityHubHub> failed = Reads.unavailable("securityhub", "DescribeHub", e);
          return r -> r.securityHub(failed).securityHubStandards(Failures.of(failed));
        });
  }

  /**
   * The log groups in this account and region that the trails listed here deliver to, the alarms on
   * their metric filters' metrics, and the SNS topics (of this region) they notify: each group's
   * alarms asked for once its filters are read, the topics once every alarm is.
   */
  static CompletableFuture<Consumer<RegionSnapshot.Builder>> alerting(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return trails
        .thenCompose(t -> alerting(in, t))
        .exceptionally(
            e ->
                failedAlerting(
                    Reads.unavailable("logs", "DescribeMetricFilters", ReadScope.cause(e))));
  }

  private static CompletableFuture<Consumer<RegionSnapshot.Builder>> alerting(
      ReadScope in, Observed<List<Trail>> trails) {
    if (!trails.isKnown()) {
      return CompletableFuture.completedFuture(failedAlerting(trails));
    }
    String region = in.region();
    String account = in.principal().accountId();
    List<String> groupArns =
        trails.value().stream()
            .map(Trail::cloudWatchLogsLogGroupArn)
            .filter(arn -> region.equals(Arns.region(arn)))
            .filter(arn -> account == null || account.equals(Arns.account(arn)))
            .distinct()
            .toList();
    if (groupArns.isEmpty()) {
      return CompletableFuture.completedFuture(
          r -> r.logGroups(List.of()).alarms(Observed.known(List.of())).snsTopics(List.of()));
    }
    AlertingReader reader =
        new AlertingReader(
            in.client(AwsService.LOGS),
            in.client(AwsService.CLOUDWATCH),
            in.client(AwsService.SNS),
            in.client(AwsService.KMS));
    Executor logsLane = in.lane(AwsService.LOGS);
    List<CompletableFuture<LogGroup>> groups =
        groupArns.stream()
            .map(arn -> CompletableFuture.supplyAsync(() -> reader.logGroup(arn), logsLane))
            .toList();
    CompletableFuture<Observed<List<MetricAlarm>>> alarms =
        reader.alarms(groups, in.lane(AwsService.CLOUDWATCH));
    CompletableFuture<List<SnsTopic>> topics =
        alarms.thenCompose(
            a ->
                reader.topics(
                    AlertingReader.topicArns(a).stream()
                        .filter(arn -> region.equals(Arns.region(arn)))
                        .sorted()
                        .toList(),
                    in.lane(AwsService.SNS),
                    in.lane(AwsService.KMS)));
    return topics.thenApply(
        t -> {
          List<LogGroup> read = groups.stream().map(CompletableFuture::join).toList();
          return r -> r.logGroups(read).alarms(alarms.join()).snsTopics(t);
        });
  }

  private static Consumer<RegionSnapshot.Builder> failedAlerting(Observed<?> failure) {
    return r -> r.logGroups(List.of()).alarms(Failures.of(failure)).snsTopics(List.of());
  }

  /** Glue tables over the buckets of the trails listed here. */
  static CompletableFuture<Consumer<RegionSnapshot.Builder>> glueTables(
      ReadScope in, CompletableFuture<Observed<List<Trail>>> trails) {
    return trails
        .thenCompose(
            t ->
                in.read(
                    AwsService.GLUE,
                    () -> glueTables(in, t),
                    e -> Reads.<List<GlueTable>>unavailable("glue", "GetDatabases", e)))
        .thenApply(tables -> r -> r.glueTables(tables));
  }

  private static Observed<List<GlueTable>> glueTables(ReadScope in, Observed<List<Trail>> trails) {
    if (!trails.isKnown()) {
      return Failures.of(trails);
    }
    Set<String> buckets = new TreeSet<>();
    trails.value().stream()
        .map(Trail::s3BucketName)
        .filter(b -> b != null && !b.isBlank())
        .forEach(buckets::add);
    if (buckets.isEmpty()) {
      return Observed.known(List.of());
    }
    return new GlueReader(in.client(AwsService.GLUE)).tablesOver(buckets);
  }
}
