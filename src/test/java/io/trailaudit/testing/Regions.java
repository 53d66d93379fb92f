package io.trailaudit.testing;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.GlueTable;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.RemediationConfiguration;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.StandardsSubscription;
import java.util.List;
import java.util.function.Consumer;

/** Changing the per-region reads of fixture accounts: one field at a time, records rebuilt. */
public final class Regions {
  private Regions() {}

  /** A region's fields, to change some and build a new region. */
  public static final class RegionEdit {
    public String region;
    public Observed<List<String>> trailArns;
    public List<LogGroup> logGroups;
    public Observed<List<MetricAlarm>> alarms;
    public List<SnsTopic> snsTopics;
    public Observed<List<EventDataStore>> eventDataStores;
    public Observed<List<ConfigRecorder>> configRecorders;
    public Observed<List<ConfigRule>> configRules;
    public Observed<List<RemediationConfiguration>> remediationConfigurations;
    public Observed<SecurityHubHub> securityHub;
    public Observed<List<StandardsSubscription>> securityHubStandards;
    public Observed<List<GlueTable>> glueTables;

    RegionEdit(RegionSnapshot r) {
      region = r.region();
      trailArns = r.trailArns();
      logGroups = r.logGroups();
      alarms = r.alarms();
      snsTopics = r.snsTopics();
      eventDataStores = r.eventDataStores();
      configRecorders = r.configRecorders();
      configRules = r.configRules();
      remediationConfigurations = r.remediationConfigurations();
      securityHub = r.securityHub();
      securityHubStandards = r.securityHubStandards();
      glueTables = r.glueTables();
    }

    RegionSnapshot build() {
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

  public static RegionSnapshot edit(RegionSnapshot r, Consumer<RegionEdit> change) {
    RegionEdit e = new RegionEdit(r);
    change.accept(e);
    return e.build();
  }

  /** A copy of the account with {@code change} applied to every region. */
  public static AccountSnapshot everyRegion(AccountSnapshot a, Consumer<RegionEdit> change) {
    return Fixtures.withRegions(a, a.regions().stream().map(r -> edit(r, change)).toList());
  }

  /** A copy of the account with {@code change} applied to region {@code region} only. */
  public static AccountSnapshot inRegion(
      AccountSnapshot a, String region, Consumer<RegionEdit> change) {
    return Fixtures.withRegions(
        a, a.regions().stream().map(r -> r.region().equals(region) ? edit(r, change) : r).toList());
  }
}
