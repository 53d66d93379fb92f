package io.trailaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  static final List<String> CHECKS = List.of("organization-trail", "log-bucket");

  private static AuditConfig parse(String yaml) {
    return ConfigLoader.parse("trailaudit.yml", yaml, CHECKS);
  }

  @Test
  void theShippedDefaultFileEqualsTheBuiltInDefaults() {
    AuditConfig shipped =
        ConfigLoader.load(
            Path.of("config/trailaudit.yml"),
            List.of("organization-trail", "kms-encryption", "log-file-validation", "log-bucket"));
    assertThat(shipped).isEqualTo(AuditConfig.defaults());
  }

  @Test
  void emptyFileGivesDefaults() {
    assertThat(parse("")).isEqualTo(AuditConfig.defaults());
    assertThat(parse("# only a comment\n")).isEqualTo(AuditConfig.defaults());
  }

  @Test
  void valuesAreRead() {
    AuditConfig c =
        parse(
            """
        breakGlassPrincipals:
          - arn:aws:iam::*:role/BreakGlass
        deliveryMaxAgeHours: 6
        digestMaxAgeHours: 3
        lake:
          requireEventDataStore: true
          minRetentionDays: 2557
        skipChecks: [log-bucket]
        """);
    assertThat(c.breakGlassPrincipals()).containsExactly("arn:aws:iam::*:role/BreakGlass");
    assertThat(c.deliveryMaxAgeHours()).isEqualTo(6);
    assertThat(c.digestMaxAgeHours()).isEqualTo(3);
    assertThat(c.lake().requireEventDataStore()).isTrue();
    assertThat(c.lake().minRetentionDays()).isEqualTo(2557);
    assertThat(c.skipChecks()).containsExactly("log-bucket");
  }

  @Test
  void logBucketMinimumRetentionDefaultsTo365AndMustBePositive() {
    assertThat(parse("deliveryMaxAgeHours: 6\n").logBucket().minRetentionDays()).isEqualTo(365);
    assertThat(parse("logBucket:\n  minRetentionDays: 2557\n").logBucket().minRetentionDays())
        .isEqualTo(2557);
    assertThatThrownBy(() -> parse("logBucket:\n  minRetentionDays: 0\n"))
        .hasMessageContaining("at $.logBucket.minRetentionDays: must be a positive number of days");
    assertThatThrownBy(() -> parse("logBucket:\n  retentionDays: 30\n"))
        .hasMessageContaining("retentionDays");
  }

  @Test
  void dataEventAndNetworkActivitySettings() {
    AuditConfig c =
        parse(
            """
            dataEvents:
              s3Buckets: [payments-records]
            networkActivity:
              eventSources: [dynamodb.amazonaws.com, s3.amazonaws.com]
              requireAllActivity: true
            """);
    assertThat(c.dataEvents().s3Buckets()).containsExactly("payments-records");
    assertThat(c.networkActivity().requireAllActivity()).isTrue();
    assertThat(c.networkActivity().requiredSources())
        .containsExactly(
            "s3.amazonaws.com",
            "ec2.amazonaws.com",
            "kms.amazonaws.com",
            "secretsmanager.amazonaws.com",
            "cloudtrail.amazonaws.com",
            "dynamodb.amazonaws.com");
  }

  @Test
  void unknownKeyIsAnErrorNamingTheKeyAndLine() {
    assertThatThrownBy(() -> parse("deliveryMaxAgeHours: 6\nbreakGlassPrincipal: []\n"))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("trailaudit.yml: line 2")
        .hasMessageContaining("unknown field \"breakGlassPrincipal\"");
  }

  @Test
  void unknownNestedKeyNamesItsPath() {
    assertThatThrownBy(() -> parse("lake:\n  retentionDays: 30\n"))
        .hasMessageContaining("at $.lake.retentionDays")
        .hasMessageContaining("unknown field \"retentionDays\"");
  }

  @Test
  void wrongTypeIsAnError() {
    assertThatThrownBy(() -> parse("deliveryMaxAgeHours: soon\n"))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("at $.deliveryMaxAgeHours");
  }

  @Test
  void nonPositiveThresholdIsAnError() {
    assertThatThrownBy(() -> parse("digestMaxAgeHours: 0\n"))
        .hasMessage("trailaudit.yml: at $.digestMaxAgeHours: must be a positive number of hours");
  }

  @Test
  void unknownCheckToSkipIsAnError() {
    assertThatThrownBy(() -> parse("skipChecks: [log-buckets]\n"))
        .hasMessageContaining("at $.skipChecks[0]: unknown check \"log-buckets\"");
  }

  @Test
  void breakGlassMustBeAnArn() {
    assertThatThrownBy(() -> parse("breakGlassPrincipals: [BreakGlass]\n"))
        .hasMessageContaining(
            "at $.breakGlassPrincipals[0]: \"BreakGlass\" is not a principal ARN");
  }

  @Test
  void malformedYamlIsAnError() {
    assertThatThrownBy(() -> parse("lake: [\n"))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith("trailaudit.yml: ");
  }

  @Test
  void suppressionsAreRead() {
    AuditConfig c =
        parse(
            """
            suppressions:
              - rule: log-bucket/*
                account: "333333333333"
                region: us-east-1
                resource: arn:aws:s3:::logs-*
                reason: accepted until the migration
                expires: 2026-12-31
              - rule: insights/enabled
                reason: no budget
            """);
    assertThat(c.suppressions())
        .containsExactly(
            new Suppression(
                "log-bucket/*",
                "333333333333",
                "us-east-1",
                "arn:aws:s3:::logs-*",
                "accepted until the migration",
                LocalDate.of(2026, 12, 31)),
            new Suppression("insights/enabled", null, null, null, "no budget", null));
  }

  @Test
  void suppressionWithoutReasonIsAnErrorNamingThePlace() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    suppressions:
                      - {rule: log-bucket/*, reason: fine}
                      - {rule: insights/enabled, reason: "  "}
                    """))
        .isInstanceOf(InputFileException.class)
        .hasMessageStartingWith("trailaudit.yml: at $.suppressions[1].reason: required");
  }

  @Test
  void suppressionWithoutRuleIsAnError() {
    assertThatThrownBy(() -> parse("suppressions:\n  - reason: fine\n"))
        .hasMessageStartingWith("trailaudit.yml: at $.suppressions[0].rule: required");
  }

  @Test
  void suppressionWithABadDateIsAnError() {
    assertThatThrownBy(
            () -> parse("suppressions:\n  - {rule: a/b, reason: r, expires: 2026-13-01}\n"))
        .isInstanceOf(InputFileException.class)
        .hasMessageContaining("at $.suppressions[0].expires");
  }

  @Test
  void unknownKeyInASuppressionNamesItsLine() {
    assertThatThrownBy(
            () -> parse("suppressions:\n  - rule: a/b\n    reason: r\n    until: 2026-01-01\n"))
        .hasMessageContaining("trailaudit.yml: line 4")
        .hasMessageContaining("at $.suppressions[0].until")
        .hasMessageContaining("unknown field \"until\"");
  }
}
