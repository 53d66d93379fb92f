package io.trailaudit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.files.InputFileException;
import io.trailaudit.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  static final List<String> CHECKS = List.of("organization-trail", "log-bucket");

  /** The parameters the built-in checks declare. */
  static final Collection<ParameterInfo> DECLARED = Catalogs.builtIn().parameters().values();

  static final AuditConfig DEFAULTS =
      new AuditConfig(null, null, null, Parameters.defaults(DECLARED));

  private static AuditConfig parse(String yaml) {
    return ConfigLoader.parse("trailaudit.yml", yaml, CHECKS, DECLARED);
  }

  private static AuditConfig load(Path file) {
    return ConfigLoader.load(file, CHECKS, DECLARED);
  }

  @Test
  void theShippedDefaultFileEqualsTheBuiltInDefaults() {
    AuditConfig shipped =
        ConfigLoader.load(
            Path.of("config/trailaudit.yml"),
            List.of("organization-trail", "kms-encryption", "log-file-validation", "log-bucket"),
            DECLARED);
    assertThat(shipped.parameters().resolved()).isEqualTo(DEFAULTS.parameters().resolved());
    assertThat(shipped.parameters().resolved()).containsEntry("logBucket.minRetentionDays", 365);
    assertThat(shipped.breakGlassPrincipals()).isEmpty();
    assertThat(shipped.skipChecks()).isEmpty();
    assertThat(shipped.suppressions()).isEmpty();
  }

  @Test
  void emptyFileGivesDefaults() {
    assertThat(parse("")).isEqualTo(DEFAULTS);
    assertThat(parse("# only a comment\n")).isEqualTo(DEFAULTS);
    assertThat(parse("").parameters().integer("deliveryMaxAgeHours")).isEqualTo(24);
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
    assertThat(c.parameters().integer("deliveryMaxAgeHours")).isEqualTo(6);
    assertThat(c.parameters().integer("digestMaxAgeHours")).isEqualTo(3);
    assertThat(c.parameters().bool("lake.requireEventDataStore")).isTrue();
    assertThat(c.parameters().integer("lake.minRetentionDays")).isEqualTo(2557);
    assertThat(c.skipChecks()).containsExactly("log-bucket");
  }

  @Test
  void logBucketMinimumRetentionDefaultsTo365AndMustBePositive() {
    assertThat(parse("deliveryMaxAgeHours: 6\n").parameters().integer("logBucket.minRetentionDays"))
        .isEqualTo(365);
    assertThat(
            parse("logBucket:\n  minRetentionDays: 2557\n")
                .parameters()
                .integer("logBucket.minRetentionDays"))
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
    assertThat(c.parameters().strings("dataEvents.s3Buckets")).containsExactly("payments-records");
    assertThat(c.parameters().bool("networkActivity.requireAllActivity")).isTrue();
    assertThat(c.parameters().strings("networkActivity.eventSources"))
        .containsExactly("dynamodb.amazonaws.com", "s3.amazonaws.com");
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
        .hasMessage(
            "trailaudit.yml: line 1, column 1: at $.digestMaxAgeHours: must be a positive number of"
                + " hours, not 0");
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
        .hasMessage(
            "trailaudit.yml: line 3, column 5: at $.suppressions[1].reason: required: say why the"
                + " finding is accepted (shown on the finding)");
  }

  @Test
  void suppressionWithoutRuleIsAnError() {
    assertThatThrownBy(() -> parse("suppressions:\n  - reason: fine\n"))
        .hasMessage(
            "trailaudit.yml: line 2, column 5: at $.suppressions[0].rule: required: a rule id, *"
                + " allowed (e.g. log-bucket/mfa-delete, log-bucket/*)");
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

  @Test
  void aNegativeRetentionIsAnErrorAtItsLine() {
    assertThatThrownBy(
            () -> parse("lake:\n  requireEventDataStore: true\n  minRetentionDays: -5\n"))
        .hasMessage(
            "trailaudit.yml: line 3, column 3: at $.lake.minRetentionDays: must be a positive number"
                + " of days, not -5");
  }

  @Test
  void aNegativeAgeIsAnError() {
    assertThatThrownBy(() -> parse("deliveryMaxAgeHours: -1\n"))
        .hasMessage(
            "trailaudit.yml: line 1, column 1: at $.deliveryMaxAgeHours: must be a positive number"
                + " of hours, not -1");
  }

  @Test
  void aDuplicateKeyIsAnErrorNotALaterWin() {
    assertThatThrownBy(
            () -> parse("deliveryMaxAgeHours: 6\ndigestMaxAgeHours: 3\ndeliveryMaxAgeHours: 48\n"))
        .hasMessage(
            "trailaudit.yml: line 3, column 1: at $.deliveryMaxAgeHours: duplicate key"
                + " \"deliveryMaxAgeHours\" (first at line 1, column 1): each key may appear once");
  }

  @Test
  void aDuplicateNestedKeyIsAnError() {
    assertThatThrownBy(() -> parse("lake:\n  minRetentionDays: 30\n  minRetentionDays: 400\n"))
        .hasMessage(
            "trailaudit.yml: line 3, column 3: at $.lake.minRetentionDays: duplicate key"
                + " \"minRetentionDays\" (first at line 2, column 3): each key may appear once");
  }

  @Test
  void aNumberWhereSettingsGoIsSaidInTheUsersWords() {
    assertThatThrownBy(() -> parse("lake: 5\n"))
        .hasMessage(
            "trailaudit.yml: line 1, column 7: at $.lake: expected an object (key: value pairs),"
                + " found the number 5");
  }

  @Test
  void aWordWhereANumberGoesIsSaidInTheUsersWords() {
    assertThatThrownBy(() -> parse("deliveryMaxAgeHours: soon\n"))
        .hasMessage(
            "trailaudit.yml: line 1, column 22: at $.deliveryMaxAgeHours: expected a whole number,"
                + " found the string \"soon\"");
  }

  @Test
  void aQuotedNumberIsNotANumber() {
    assertThatThrownBy(() -> parse("deliveryMaxAgeHours: \"6\"\n"))
        .hasMessage(
            "trailaudit.yml: line 1, column 22: at $.deliveryMaxAgeHours: expected a whole number,"
                + " found the string \"6\"");
  }

  @Test
  void aFractionOfAnHourIsNotTruncated() {
    assertThatThrownBy(() -> parse("digestMaxAgeHours: 1.5\n"))
        .hasMessage(
            "trailaudit.yml: line 1, column 20: at $.digestMaxAgeHours: expected a whole number,"
                + " found the number 1.5");
  }

  @Test
  void anUnquotedAccountIdIsRefusedRatherThanRead() {
    assertThatThrownBy(
            () -> parse("suppressions:\n  - {rule: a/b, reason: r, account: 333333333333}\n"))
        .hasMessage(
            "trailaudit.yml: line 2, column 37: at $.suppressions[0].account: expected a string,"
                + " found the number 333333333333");
  }

  @Test
  void aListWhereTrueOrFalseGoesIsAnError() {
    assertThatThrownBy(() -> parse("lake:\n  requireEventDataStore: [yes]\n"))
        .hasMessage(
            "trailaudit.yml: line 2, column 26: at $.lake.requireEventDataStore: expected true or"
                + " false, found a list");
  }

  @Test
  void aSuppressionOfEveryRuleNeedsAllowAll() {
    assertThatThrownBy(() -> parse("suppressions:\n  - {rule: \"*\", reason: noisy}\n"))
        .hasMessage(
            "trailaudit.yml: line 2, column 5: at $.suppressions[0].rule: \"*\" matches every rule"
                + " and would mute every FAIL finding; name the rules (e.g. log-bucket/*), or add"
                + " allowAll: true if that is really meant");
    assertThatThrownBy(() -> parse("suppressions:\n  - {rule: \"*/*\", reason: noisy}\n"))
        .hasMessageContaining("\"*/*\" matches every rule");
    AuditConfig c = parse("suppressions:\n  - {rule: \"*\", reason: sandbox, allowAll: true}\n");
    assertThat(c.suppressions().get(0).allowAll()).isTrue();
    assertThat(parse("suppressions:\n  - {rule: log-bucket/*, reason: r}\n").suppressions())
        .singleElement()
        .satisfies(x -> assertThat(x.matchesEveryRule()).isFalse());
  }

  @Test
  void aBinaryFileIsNotUtf8Text(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("trailaudit.yml");
    Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xc3, (byte) 0x28});
    assertThatThrownBy(() -> load(f))
        .hasMessage(f + ": not UTF-8 text (byte 0xc3 at offset 3): is it a binary file?");
  }

  @Test
  void aFileWithNulBytesIsNotText(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("trailaudit.yml");
    Files.write(f, new byte[] {'l', 'a', 'k', 'e', 0, 0});
    assertThatThrownBy(() -> load(f))
        .hasMessage(f + ": not UTF-8 text (byte 0x00 at offset 4): is it a binary file?");
  }

  @Test
  void aMissingFileOrADirectoryIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> load(dir.resolve("nope.yml")))
        .hasMessage(dir.resolve("nope.yml") + ": no such file");
    assertThatThrownBy(() -> load(dir)).hasMessage(dir + ": is a directory, not a file");
  }

  @Test
  void anUnreadableFileSaysPermissionDenied(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("trailaudit.yml");
    Files.writeString(f, "lake: {}\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("-w-------"));
    Assumptions.assumeFalse(Files.isReadable(f), "running as root: every file is readable");
    assertThatThrownBy(() -> load(f)).hasMessage(f + ": cannot read: permission denied");
  }
}
