package io.trailaudit.checks.configrules;

import static io.trailaudit.checks.configrules.ConfigRulesCheckTest.healthy;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withEnabledRegions;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.Observed;
import io.trailaudit.testing.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code config-rules/recorder}: what the recorder records, not only that it runs. Java still:
 * recording-group and global-type cases across regions are not yet converted to data.
 */
class ConfigRecorderScopeTest {
  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";

  private static final ConfigRecorder.Status RECORDING =
      new ConfigRecorder.Status(true, "SUCCESS", null, NOW.minusSeconds(3600));

  private static ConfigRecorder recorder(
      String strategy,
      boolean allSupported,
      boolean includeGlobal,
      List<String> types,
      List<String> excluded) {
    return new ConfigRecorder(
        "default",
        allSupported,
        includeGlobal,
        Observed.known(RECORDING),
        strategy,
        types,
        excluded,
        "CONTINUOUS",
        null);
  }

  private static ConfigRecorder allSupported(boolean includeGlobal) {
    return recorder(ConfigRecorder.ALL_SUPPORTED, true, includeGlobal, List.of(), List.of());
  }

  private static AccountSnapshot with(String region, ConfigRecorder... recorders) {
    return with(healthy(account(MEMBER, orgTrail())), region, recorders);
  }

  private static AccountSnapshot with(
      AccountSnapshot a, String region, ConfigRecorder... recorders) {
    return Regions.inRegion(a, region, e -> e.configRecorders = Observed.known(List.of(recorders)));
  }

  private static Finding recorderFinding(AccountSnapshot a, String region, Status expected) {
    List<Finding> fs =
        new ConfigRulesCheck()
            .evaluate(snapshot(a), AuditConfig.defaults()).stream()
                .filter(f -> f.requirement().equals("recorder") && f.region().equals(region))
                .toList();
    assertThat(fs).hasSize(1);
    Finding f = fs.get(0);
    assertThat(f.status()).as(f.message()).isEqualTo(expected);
    if (expected == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    }
    return f;
  }

  @Test
  void allSupportedWithGlobalTypesPasses() {
    Finding f = recorderFinding(with(US, allSupported(true)), US, Status.PASS);
    assertThat(f.message())
        .isEqualTo(
            "recorder default is recording all supported resource types, last status SUCCESS,"
                + " global IAM resource types included");
  }

  @Test
  void allSupportedFalseFromAnOlderSnapshotFails() {
    ConfigRecorder old =
        ConfigRecorder.builder()
            .name("default")
            .allSupported(false)
            .includeGlobalResourceTypes(false)
            .status(Observed.known(RECORDING))
            .build();
    Finding f = recorderFinding(with(EU, old), EU, Status.FAIL);
    assertThat(f.message()).contains("recorder default records only the resource types it lists");
    assertThat(f.remediation()).contains("\"allSupported\":true").contains("name=default");
  }

  @Test
  void anInclusionListFailsAndNamesWhatIsRecorded() {
    ConfigRecorder inclusion =
        recorder(
            ConfigRecorder.INCLUSION,
            false,
            false,
            List.of("AWS::CloudTrail::Trail", "AWS::S3::Bucket"),
            List.of());
    Finding f = recorderFinding(with(EU, inclusion), EU, Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "recorder default records only 2 listed resource type(s)"
                + " (INCLUSION_BY_RESOURCE_TYPES): AWS::CloudTrail::Trail, AWS::S3::Bucket,"
                + " not all supported types");
    // eu-west-1 is not the region that should record global types, and us-east-1 does.
    assertThat(f.remediation()).contains("\"includeGlobalResourceTypes\":false");
  }

  @Test
  void anExclusionListFailsAndNamesWhatIsLeftOut() {
    ConfigRecorder exclusion =
        recorder(
            ConfigRecorder.EXCLUSION,
            false,
            false,
            List.of(),
            List.of(
                "AWS::EC2::Instance",
                "AWS::EC2::Volume",
                "AWS::EC2::NetworkInterface",
                "AWS::EC2::SecurityGroup",
                "AWS::EC2::Subnet",
                "AWS::EC2::VPC",
                "AWS::CloudTrail::Trail"));
    Finding f = recorderFinding(with(EU, exclusion), EU, Status.FAIL);
    assertThat(f.message())
        .startsWith("recorder default excludes 7 resource type(s) from recording")
        .contains("EXCLUSION_BY_RESOURCE_TYPES")
        .contains("AWS::EC2::Instance")
        .endsWith("and 2 more");
  }

  @Test
  void anExclusionStrategyWithNothingExcludedRecordsEverything() {
    ConfigRecorder exclusion =
        recorder(ConfigRecorder.EXCLUSION, false, false, List.of(), List.of());
    Finding f = recorderFinding(with(US, exclusion), US, Status.PASS);
    // The exclusion strategy records the global IAM types unless it excludes them.
    assertThat(f.message()).contains("global IAM resource types included");
  }

  @Test
  void globalTypesRecordedNowhereFailInTheHomeRegionOnly() {
    AccountSnapshot a = with(with(US, allSupported(false)), EU, allSupported(false));
    Finding home = recorderFinding(a, US, Status.FAIL);
    assertThat(home.message())
        .contains("recorder default does not record the global IAM resource types")
        .contains("no audited region of account " + MEMBER + " records them");
    assertThat(home.remediation())
        .contains("--region us-east-1")
        .contains("\"includeGlobalResourceTypes\":true");
    Finding other = recorderFinding(a, EU, Status.PASS);
    assertThat(other.message())
        .contains("recorded in no audited region: see the finding of us-east-1");
  }

  @Test
  void globalTypesRecordedInAnotherRegionPass() {
    AccountSnapshot a = with(with(US, allSupported(false)), EU, allSupported(true));
    assertThat(recorderFinding(a, US, Status.PASS).message())
        .endsWith("; the global IAM resource types are recorded in eu-west-1");
  }

  @Test
  void aStoppedRecorderWithGlobalTypesDoesNotRecordThemForTheAccount() {
    ConfigRecorder stopped =
        new ConfigRecorder(
            "default",
            true,
            true,
            Observed.known(new ConfigRecorder.Status(false, "SUCCESS", null, NOW)),
            ConfigRecorder.ALL_SUPPORTED,
            List.of(),
            List.of(),
            "CONTINUOUS",
            null);
    AccountSnapshot a = with(with(US, allSupported(false)), EU, stopped);
    assertThat(recorderFinding(a, US, Status.FAIL).message())
        .contains("does not record the global IAM resource types");
    assertThat(recorderFinding(a, EU, Status.FAIL).message())
        .isEqualTo("recorder default is not recording");
  }

  @Test
  void globalTypesNowhereButAnEnabledRegionNotAuditedIsError() {
    AccountSnapshot a =
        withEnabledRegions(
            with(with(US, allSupported(false)), EU, allSupported(false)),
            Observed.known(List.of(US, EU, "ap-south-1")));
    assertThat(recorderFinding(a, US, Status.ERROR).message())
        .contains(
            "cannot tell whether another region does: enabled regions not audited: ap-south-1");
  }

  @Test
  void globalTypesNowhereAndAnotherRegionUnreadableIsError() {
    AccountSnapshot a =
        Regions.inRegion(
            with(US, allSupported(false)),
            EU,
            e -> e.configRecorders = denied("config", "DescribeConfigurationRecorders"));
    assertThat(recorderFinding(a, US, Status.ERROR).message())
        .contains("eu-west-1: config:DescribeConfigurationRecorders failed");
    recorderFinding(a, EU, Status.ERROR);
  }

  @Test
  void aServiceLinkedRecorderDoesNotCount() {
    ConfigRecorder linked =
        new ConfigRecorder(
            "AWSConfigurationRecorderForExampleService",
            false,
            false,
            Observed.known(RECORDING),
            ConfigRecorder.INCLUSION,
            List.of("AWS::EC2::Instance"),
            List.of(),
            "CONTINUOUS",
            "example.amazonaws.com");
    Finding alone = recorderFinding(with(EU, linked), EU, Status.FAIL);
    assertThat(alone.message())
        .isEqualTo(
            "no AWS Config configuration recorder in eu-west-1 (service-linked recorder(s)"
                + " AWSConfigurationRecorderForExampleService (example.amazonaws.com) do not"
                + " count: the linked service chooses what they record)");
    Finding beside = recorderFinding(with(EU, linked, allSupported(false)), EU, Status.PASS);
    assertThat(beside.message()).startsWith("recorder default is recording all supported");
  }

  @Test
  void dailyRecordingPassesAndSaysSo() {
    ConfigRecorder daily =
        new ConfigRecorder(
            "default",
            true,
            true,
            Observed.known(RECORDING),
            ConfigRecorder.ALL_SUPPORTED,
            List.of(),
            List.of(),
            "DAILY",
            null);
    assertThat(recorderFinding(with(US, daily), US, Status.PASS).message())
        .contains("daily (not continuous) recording");
  }
}
