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
}
