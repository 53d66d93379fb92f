package io.trailaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * What was read in one account and region.
 *
 * @param trailArns ARNs returned by {@code cloudtrail:DescribeTrails} in this region (shadow trails
 *     included); their details are in {@link AccountSnapshot#trails()}
 * @param logGroups the CloudWatch Logs groups trails deliver to in this region
 * @param alarms CloudWatch alarms on the metrics of those groups' metric filters
 * @param snsTopics SNS topics those alarms notify
 * @param eventDataStores CloudTrail Lake event data stores
 * @param configRecorders AWS Config configuration recorders
 * @param configRules AWS Config rules (conformance pack and service-linked rules included)
 * @param remediationConfigurations AWS Config remediation configurations
 * @param securityHub the Security Hub hub; known {@code null} when Security Hub is not enabled
 * @param securityHubStandards enabled Security Hub standards
 * @param glueTables Glue Data Catalog tables whose location is a trail bucket
 */
public record RegionSnapshot(
    String region,
    Observed<List<String>> trailArns,
    List<LogGroup> logGroups,
    Observed<List<MetricAlarm>> alarms,
    List<SnsTopic> snsTopics,
    Observed<List<EventDataStore>> eventDataStores,
    Observed<List<ConfigRecorder>> configRecorders,
    Observed<List<ConfigRule>> configRules,
    Observed<List<RemediationConfiguration>> remediationConfigurations,
    Observed<SecurityHubHub> securityHub,
    Observed<List<StandardsSubscription>> securityHubStandards,
    Observed<List<GlueTable>> glueTables) {

  public RegionSnapshot {
    Objects.requireNonNull(region, "region");
    logGroups = logGroups == null ? List.of() : List.copyOf(logGroups);
    snsTopics = snsTopics == null ? List.of() : List.copyOf(snsTopics);
    trailArns = Observed.orNotCollected(trailArns, "trailArns");
    alarms = Observed.orNotCollected(alarms, "alarms");
    eventDataStores = Observed.orNotCollected(eventDataStores, "eventDataStores");
    configRecorders = Observed.orNotCollected(configRecorders, "configRecorders");
    configRules = Observed.orNotCollected(configRules, "configRules");
    remediationConfigurations =
        Observed.orNotCollected(remediationConfigurations, "remediationConfigurations");
    securityHub = Observed.orNotCollected(securityHub, "securityHub");
    securityHubStandards = Observed.orNotCollected(securityHubStandards, "securityHubStandards");
    glueTables = Observed.orNotCollected(glueTables, "glueTables");
  }

  /** A region none of whose values could be read, each unavailable for {@code failure}. */
  public static RegionSnapshot unreadable(String region, Observed.Unavailable<?> failure) {
    return new RegionSnapshot(
        region,
        failure.retyped(),
        List.of(),
        failure.retyped(),
        List.of(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped(),
        failure.retyped());
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a RegionSnapshot by component name; an unset component is null, as in the JSON. */
  public static final class Builder {
    private String region;
    private Observed<List<String>> trailArns;
    private List<LogGroup> logGroups;
    private Observed<List<MetricAlarm>> alarms;
    private List<SnsTopic> snsTopics;
    private Observed<List<EventDataStore>> eventDataStores;
    private Observed<List<ConfigRecorder>> configRecorders;
    private Observed<List<ConfigRule>> configRules;
    private Observed<List<RemediationConfiguration>> remediationConfigurations;
    private Observed<SecurityHubHub> securityHub;
    private Observed<List<StandardsSubscription>> securityHubStandards;
    private Observed<List<GlueTable>> glueTables;

    private Builder() {}

    private Builder(RegionSnapshot r) {
      region = r.region;
      trailArns = r.trailArns;
      logGroups = r.logGroups;
      alarms = r.alarms;
      snsTopics = r.snsTopics;
      eventDataStores = r.eventDataStores;
      configRecorders = r.configRecorders;
      configRules = r.configRules;
      remediationConfigurations = r.remediationConfigurations;
      securityHub = r.securityHub;
      securityHubStandards = r.securityHubStandards;
      glueTables = r.glueTables;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder trailArns(Observed<List<String>> trailArns) {
      this.trailArns = trailArns;
      return this;
    }

    public Builder logGroups(List<LogGroup> logGroups) {
      this.logGroups = logGroups;
      return this;
    }

    public Builder alarms(Observed<List<MetricAlarm>> alarms) {
      this.alarms = alarms;
      return this;
    }

    public Builder snsTopics(List<SnsTopic> snsTopics) {
      this.snsTopics = snsTopics;
      return this;
    }

    public Builder eventDataStores(Observed<List<EventDataStore>> eventDataStores) {
      this.eventDataStores = eventDataStores;
      return this;
    }

    public Builder configRecorders(Observed<List<ConfigRecorder>> configRecorders) {
      this.configRecorders = configRecorders;
      return this;
    }

    public Builder configRules(Observed<List<ConfigRule>> configRules) {
      this.configRules = configRules;
      return this;
    }

    public Builder remediationConfigurations(
        Observed<List<RemediationConfiguration>> remediationConfigurations) {
      this.remediationConfigurations = remediationConfigurations;
      return this;
    }

    public Builder securityHub(Observed<SecurityHubHub> securityHub) {
      this.securityHub = securityHub;
      return this;
    }

    public Builder securityHubStandards(
        Observed<List<StandardsSubscription>> securityHubStandards) {
      this.securityHubStandards = securityHubStandards;
      return this;
    }

    public Builder glueTables(Observed<List<GlueTable>> glueTables) {
      this.glueTables = glueTables;
      return this;
    }

    public RegionSnapshot build() {
      return new RegionSnapshot(
          region,
          trailArns,
          logGroups,
          alarms,
          snsTopics,
          eventDataStores,
          configRecorders,
          configRules,
          remediationConfigurations,
          securityHub,
          securityHubStandards,
          glueTables);
    }
  }
}
