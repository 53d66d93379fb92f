package io.trailaudit.checks.configrules;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RemediationConfiguration;
import io.trailaudit.testing.Regions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java still, not yet data: rule recognition by source identifier across names and service-linked
 * rules, and recorder status across regions (checks/config-rules/ holds the single cases).
 */
class ConfigRulesCheckTest {
  private final ConfigRulesCheck check = new ConfigRulesCheck();

  static ConfigRecorder recorder(boolean recording, String lastStatus) {
    return ConfigRecorder.builder()
        .name("default")
        .allSupported(true)
        .includeGlobalResourceTypes(true)
        .status(
            Observed.known(
                new ConfigRecorder.Status(
                    recording,
                    lastStatus,
                    "FAILURE".equalsIgnoreCase(lastStatus) ? "AccessDenied" : null,
                    NOW.minusSeconds(3600))))
        .build();
  }

  static ConfigRule rule(String name, String identifier, String createdBy) {
    return new ConfigRule(
        name,
        "arn:aws:config:us-east-1:" + MEMBER + ":config-rule/config-rule-" + name,
        "AWS",
        identifier,
        "ACTIVE",
        createdBy);
  }

  /** The five rules as a conformance pack names them. */
  static List<ConfigRule> conformancePack() {
    String pack = "config-conforms.amazonaws.com";
    return List.of(
        rule(
            "multi-region-cloudtrail-enabled-conformance-pack-x1",
            "MULTI_REGION_CLOUD_TRAIL_ENABLED",
            pack),
        rule(
            "cloud-trail-encryption-enabled-conformance-pack-x1",
            "CLOUD_TRAIL_ENCRYPTION_ENABLED",
            pack),
        rule(
            "cloud-trail-log-file-validation-enabled-conformance-pack-x1",
            "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
            pack),
        rule(
            "cloud-trail-cloud-watch-logs-enabled-conformance-pack-x1",
            "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
            pack),
        rule(
            "s3-bucket-public-read-prohibited-conformance-pack-x1",
            "S3_BUCKET_PUBLIC_READ_PROHIBITED",
            pack));
  }

  /** Recording, all five rules (one own CLOUD_TRAIL_ENABLED rule) and automatic remediation. */
  static AccountSnapshot healthy(AccountSnapshot a) {
    return Regions.everyRegion(
        a,
        e -> {
          e.configRecorders = Observed.known(List.of(recorder(true, "SUCCESS")));
          List<ConfigRule> rules = new ArrayList<>(conformancePack());
          rules.add(rule("org-cloudtrail-enabled", "CLOUD_TRAIL_ENABLED", null));
          e.configRules = Observed.known(rules);
          e.remediationConfigurations =
              Observed.known(
                  List.of(
                      new RemediationConfiguration(
                          "org-cloudtrail-enabled", "SSM_DOCUMENT", "AWS-EnableCloudTrail", true)));
        });
  }

  private List<Finding> run(AccountSnapshot... accounts) {
    return check.evaluate(snapshot(accounts), AuditConfig.defaults());
  }

  private static Finding find(List<Finding> fs, String req, String account, String region) {
    List<Finding> m =
        fs.stream()
            .filter(
                f ->
                    f.requirement().equals(req)
                        && f.account().equals(account)
                        && f.region().equals(region))
            .toList();
    assertThat(m).as(req + " " + account + " " + region).hasSize(1);
    return m.get(0);
  }

  private List<Finding> inUsEast1(java.util.function.Consumer<Regions.RegionEdit> change) {
    return run(Regions.inRegion(healthy(account(MEMBER, orgTrail())), "us-east-1", change));
  }

  @Test
  void recordingWithEveryRuleAndAutomaticRemediationPasses() {
    List<Finding> fs =
        run(healthy(account(MGMT, orgTrail())), healthy(account(MEMBER, orgTrail())));
    assertThat(fs).hasSize(12).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.PASS));
    assertThat(find(fs, "recorder", MEMBER, "eu-west-1").controls())
        .extracting(c -> c.label())
        .containsExactly(
            "Config.1",
            "CIS 1.2.0 2.5",
            "CIS 1.4.0 3.5",
            "CIS 3.0.0 3.3",
            "CIS 5.0.0 3.3",
            "CIS 6.0.0 4.3",
            "CIS 7.0.0 4.3");
    assertThat(find(fs, "auto-remediation", MEMBER, "us-east-1").message())
        .isEqualTo(
            "rule org-cloudtrail-enabled (CLOUD_TRAIL_ENABLED) remediates automatically with"
                + " SSM_DOCUMENT AWS-EnableCloudTrail");
  }

  @Test
  void rulesAreRecognisedBySourceIdentifierWhateverTheirNames() {
    List<Finding> fs = run(healthy(account(MEMBER)));
    assertThat(find(fs, "cloudtrail-rules", MEMBER, "us-east-1").message())
        .startsWith(
            "CloudTrail rules deployed: multi-region-cloudtrail-enabled-conformance-pack-x1"
                + " (MULTI_REGION_CLOUD_TRAIL_ENABLED, created by config-conforms.amazonaws.com)");
  }

  @Test
  void securityHubServiceLinkedRulesCount() {
    String sh = "securityhub.amazonaws.com";
    List<Finding> fs =
        inUsEast1(
            e ->
                e.configRules =
                    Observed.known(
                        List.of(
                            rule(
                                "securityhub-cloud-trail-enabled-5a1b2c",
                                "CLOUD_TRAIL_ENABLED",
                                sh),
                            rule(
                                "securityhub-cloud-trail-encryption-enabled-5a1b2c",
                                "CLOUD_TRAIL_ENCRYPTION_ENABLED",
                                sh),
                            rule(
                                "securityhub-cloud-trail-log-file-validation-enabled-5a1b2c",
                                "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
                                sh),
                            rule(
                                "securityhub-cloud-trail-cloud-watch-logs-enabled-5a1b2c",
                                "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
                                sh),
                            rule(
                                "securityhub-s3-bucket-public-read-prohibited-5a1b2c",
                                "S3_BUCKET_PUBLIC_READ_PROHIBITED",
                                sh))));
    assertThat(find(fs, "cloudtrail-rules", MEMBER, "us-east-1").status()).isEqualTo(Status.PASS);
    Finding remediation = find(fs, "auto-remediation", MEMBER, "us-east-1");
    assertThat(remediation.status()).isEqualTo(Status.FAIL);
    assertThat(remediation.message())
        .contains(
            "has no remediation configuration (it is a service-linked rule of"
                + " securityhub.amazonaws.com and cannot take one: deploy your own rule)");
    assertThat(remediation.remediation()).contains("\"ConfigRuleName\":\"cloudtrail-enabled\"");
  }

  @Test
  void missingRulesFailWithAPutConfigRuleEach() {
    List<Finding> fs =
        inUsEast1(
            e ->
                e.configRules =
                    Observed.known(
                        List.of(
                            rule("ct", "CLOUD_TRAIL_ENABLED", null),
                            rule("custom", "arn:aws:lambda:us-east-1:1:function:x", null))));
    Finding f = find(fs, "cloudtrail-rules", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "managed rules missing in us-east-1: CLOUD_TRAIL_ENCRYPTION_ENABLED,"
                + " CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED, CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED,"
                + " S3_BUCKET_PUBLIC_READ_PROHIBITED (deployed: ct (CLOUD_TRAIL_ENABLED))");
    assertThat(f.remediation())
        .startsWith("# in account " + MEMBER + ":\n")
        .contains(
            "aws configservice put-config-rule --region us-east-1 --config-rule"
                + " '{\"ConfigRuleName\":\"s3-bucket-public-read-prohibited\",\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\"S3_BUCKET_PUBLIC_READ_PROHIBITED\"}}'");
    assertThat(f.remediation().lines()).hasSize(5);
  }

  @Test
  void ruleBeingDeletedOrCustomWithTheSameIdentifierDoesNotCount() {
    ConfigRule deleting =
        new ConfigRule(
            "ct",
            "arn:aws:config:us-east-1:1:config-rule/x",
            "AWS",
            "CLOUD_TRAIL_ENABLED",
            "DELETING",
            null);
    ConfigRule custom =
        new ConfigRule(
            "ct2",
            "arn:aws:config:us-east-1:1:config-rule/y",
            "CUSTOM_LAMBDA",
            "CLOUD_TRAIL_ENABLED",
            "ACTIVE",
            null);
    List<ConfigRule> rules = new ArrayList<>(conformancePack().subList(1, 5));
    rules.add(deleting);
    rules.add(custom);
    List<Finding> fs = inUsEast1(e -> e.configRules = Observed.known(rules));
    Finding f = find(fs, "cloudtrail-rules", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .startsWith(
            "managed rules missing in us-east-1: CLOUD_TRAIL_ENABLED or MULTI_REGION_CLOUD_TRAIL_ENABLED (");
    Finding remediation = find(fs, "auto-remediation", MEMBER, "us-east-1");
    assertThat(remediation.status()).isEqualTo(Status.FAIL);
    assertThat(remediation.message())
        .isEqualTo(
            "no CLOUD_TRAIL_ENABLED or MULTI_REGION_CLOUD_TRAIL_ENABLED rule in us-east-1 to remediate from");
    assertThat(remediation.remediation())
        .startsWith("aws configservice put-config-rule --region us-east-1")
        .contains("\"TrailName\":{\"StaticValue\":{\"Values\":[\"org-trail\"]}}");
  }

  @Test
  void remediationThatIsNotAutomaticFails() {
    List<Finding> fs =
        inUsEast1(
            e ->
                e.remediationConfigurations =
                    Observed.known(
                        List.of(
                            new RemediationConfiguration(
                                "org-cloudtrail-enabled",
                                "SSM_DOCUMENT",
                                "AWS-EnableCloudTrail",
                                false))));
    Finding f = find(fs, "auto-remediation", MEMBER, "us-east-1");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "rule multi-region-cloudtrail-enabled-conformance-pack-x1"
                + " (MULTI_REGION_CLOUD_TRAIL_ENABLED, created by config-conforms.amazonaws.com)"
                + " has no remediation configuration (it belongs to a conformance pack: add the"
                + " remediation to the pack's template); rule org-cloudtrail-enabled"
                + " (CLOUD_TRAIL_ENABLED) has a remediation (AWS-EnableCloudTrail) that is not"
                + " automatic");
    assertThat(f.remediation())
        .startsWith("aws configservice put-remediation-configurations --region us-east-1")
        .contains("\"ConfigRuleName\":\"org-cloudtrail-enabled\"")
        .contains("\"Automatic\":true");
  }

  @Test
  void stoppedOrFailingRecorderFails() {
    Finding stopped =
        find(
            inUsEast1(e -> e.configRecorders = Observed.known(List.of(recorder(false, "SUCCESS")))),
            "recorder",
            MEMBER,
            "us-east-1");
    assertThat(stopped.status()).isEqualTo(Status.FAIL);
    assertThat(stopped.message()).isEqualTo("recorder default is not recording");
    Finding failing =
        find(
            inUsEast1(e -> e.configRecorders = Observed.known(List.of(recorder(true, "Failure")))),
            "recorder",
            MEMBER,
            "us-east-1");
    assertThat(failing.status()).isEqualTo(Status.FAIL);
    assertThat(failing.message())
        .isEqualTo("recorder default is recording but its last status is Failure (AccessDenied)");
  }

  @Test
  void unreadableRecorderStatusIsErrorUnlessAnotherRecorderPasses() {
    ConfigRecorder unknown =
        ConfigRecorder.builder()
            .name("other")
            .allSupported(true)
            .includeGlobalResourceTypes(true)
            .status(denied("config", "DescribeConfigurationRecorderStatus"))
            .build();
    assertThat(
            find(
                    inUsEast1(e -> e.configRecorders = Observed.known(List.of(unknown))),
                    "recorder",
                    MEMBER,
                    "us-east-1")
                .status())
        .isEqualTo(Status.ERROR);
    assertThat(
            find(
                    inUsEast1(
                        e ->
                            e.configRecorders =
                                Observed.known(List.of(unknown, recorder(true, "SUCCESS")))),
                    "recorder",
                    MEMBER,
                    "us-east-1")
                .status())
        .isEqualTo(Status.PASS);
  }

  @Test
  void notCollectedIsError() {
    List<Finding> fs = run(account(MEMBER));
    assertThat(fs).hasSize(6).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.ERROR));
  }
}
