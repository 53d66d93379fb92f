package io.trailaudit.collect;

import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RemediationConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.ConfigurationRecorder;
import software.amazon.awssdk.services.config.model.ConfigurationRecorderStatus;
import software.amazon.awssdk.services.config.model.RecordingGroup;

/** AWS Config in one region: recorders with their status, rules, remediation configurations. */
public final class ConfigReader {
  /** {@code DescribeRemediationConfigurations} takes at most this many rule names. */
  static final int RULE_NAMES_PER_CALL = 25;

  private final ConfigClient config;

  public ConfigReader(ConfigClient config) {
    this.config = config;
  }

  /**
   * The configuration recorders, each with its status. No recorder (Config never set up in the
   * region) is a known empty list, and then the status is not asked for.
   */
  public Observed<List<ConfigRecorder>> recorders() {
    Observed<List<ConfigurationRecorder>> recorders =
        Reads.read(
            "config",
            "DescribeConfigurationRecorders",
            () -> config.describeConfigurationRecorders(r -> {}).configurationRecorders());
    if (!recorders.isKnown()) {
      return Failures.of(recorders);
    }
    if (recorders.value().isEmpty()) {
      return Observed.known(List.of());
    }
    Observed<Map<String, ConfigurationRecorderStatus>> statuses =
        Reads.read(
            "config",
            "DescribeConfigurationRecorderStatus",
            () ->
                config
                    .describeConfigurationRecorderStatus(r -> {})
                    .configurationRecordersStatus()
                    .stream()
                    .collect(
                        Collectors.toMap(
                            ConfigurationRecorderStatus::name, Function.identity(), (a, b) -> a)));
    List<ConfigRecorder> result = new ArrayList<>();
    for (ConfigurationRecorder recorder : recorders.value()) {
      RecordingGroup group = recorder.recordingGroup();
      result.add(
          new ConfigRecorder(
              recorder.name(),
              group != null && Boolean.TRUE.equals(group.allSupported()),
              group != null && Boolean.TRUE.equals(group.includeGlobalResourceTypes()),
              status(recorder.name(), statuses),
              group == null || group.recordingStrategy() == null
                  ? null
                  : group.recordingStrategy().useOnlyAsString(),
              group == null ? List.of() : group.resourceTypesAsStrings(),
              group == null || group.exclusionByResourceTypes() == null
                  ? List.of()
                  : group.exclusionByResourceTypes().resourceTypesAsStrings(),
              recorder.recordingMode() == null
                  ? null
                  : recorder.recordingMode().recordingFrequencyAsString(),
              recorder.servicePrincipal()));
    }
    return Observed.known(List.copyOf(result));
  }

  private static Observed<ConfigRecorder.Status> status(
      String name, Observed<Map<String, ConfigurationRecorderStatus>> statuses) {
    if (!statuses.isKnown()) {
      return Failures.of(statuses);
    }
    ConfigurationRecorderStatus s = statuses.value().get(name);
    if (s == null) {
      return Observed.unavailable(
          "config",
          "DescribeConfigurationRecorderStatus",
          "NotReturned",
          "no status was returned for recorder " + name);
    }
    return Observed.known(
        new ConfigRecorder.Status(
            Boolean.TRUE.equals(s.recording()),
            s.lastStatusAsString(),
            s.lastErrorCode(),
            s.lastStatusChangeTime()));
  }

  /** Every Config rule, all pages: managed, custom, conformance pack and service-linked. */
  public Observed<List<ConfigRule>> rules() {
    return Reads.read(
        "config",
        "DescribeConfigRules",
        () ->
            config.describeConfigRulesPaginator(r -> {}).configRules().stream()
                .map(
                    r ->
                        new ConfigRule(
                            r.configRuleName(),
                            r.configRuleArn(),
                            r.source() == null ? null : r.source().ownerAsString(),
                            r.source() == null ? null : r.source().sourceIdentifier(),
                            r.configRuleStateAsString(),
                            r.createdBy()))
                .toList());
  }

  /**
   * The remediation configurations of {@code rules}, asked {@value #RULE_NAMES_PER_CALL} rule names
   * at a time. Unavailable as a whole if any call fails.
   */
  public Observed<List<RemediationConfiguration>> remediations(List<ConfigRule> rules) {
    List<String> names =
        List.copyOf(new LinkedHashSet<>(rules.stream().map(ConfigRule::name).toList()));
    List<RemediationConfiguration> result = new ArrayList<>();
    for (int from = 0; from < names.size(); from += RULE_NAMES_PER_CALL) {
      List<String> batch = names.subList(from, Math.min(from + RULE_NAMES_PER_CALL, names.size()));
      Observed<List<RemediationConfiguration>> some =
          Reads.read(
              "config",
              "DescribeRemediationConfigurations",
              () ->
                  config
                      .describeRemediationConfigurations(r -> r.configRuleNames(batch))
                      .remediationConfigurations()
                      .stream()
                      .map(
                          c ->
                              new RemediationConfiguration(
                                  c.configRuleName(),
                                  c.targetTypeAsString(),
                                  c.targetId(),
                                  Boolean.TRUE.equals(c.automatic())))
                      .toList());
      if (!some.isKnown()) {
        return some;
      }
      result.addAll(some.value());
    }
    return Observed.known(List.copyOf(result));
  }
}
