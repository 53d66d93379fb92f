package io.trailaudit.checks.cloudwatchalerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.filterpattern.Condition;
import io.trailaudit.filterpattern.FilterPattern;
import io.trailaudit.filterpattern.Operator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java for generated variants: every monitoring topic's canonical and alternative filter patterns,
 * which data would have to list one by one.
 */
class MonitoringTopicsTest {
  static final List<String> IDS =
      List.of(
          "unauthorized-api-calls",
          "console-signin-without-mfa",
          "root-usage",
          "iam-policy-changes",
          "cloudtrail-changes",
          "console-auth-failures",
          "cmk-disable-or-deletion",
          "s3-bucket-policy-changes",
          "config-changes",
          "security-group-changes",
          "nacl-changes",
          "network-gateway-changes",
          "route-table-changes",
          "vpc-changes",
          "organizations-changes");

  static final List<String> IAM_EVENTS =
      List.of(
          "DeleteGroupPolicy",
          "DeleteRolePolicy",
          "DeleteUserPolicy",
          "PutGroupPolicy",
          "PutRolePolicy",
          "PutUserPolicy",
          "CreatePolicy",
          "DeletePolicy",
          "CreatePolicyVersion",
          "DeletePolicyVersion",
          "AttachRolePolicy",
          "DetachRolePolicy",
          "AttachUserPolicy",
          "DetachUserPolicy",
          "AttachGroupPolicy",
          "DetachGroupPolicy");

  static Stream<MonitoringTopic> topics() {
    return MonitoringTopics.load().stream();
  }

  private static MonitoringTopic topic(String id) {
    return MonitoringTopics.find(id).orElseThrow();
  }

  private static TopicMatch evaluate(String topicId, String pattern) {
    return MonitoringTopics.evaluate(FilterPattern.parse(pattern), topic(topicId));
  }

  @Test
  void fifteenTopicsInCisOrder() {
    assertThat(MonitoringTopics.load())
        .extracting(MonitoringTopic::id)
        .containsExactlyElementsOf(IDS);
    assertThat(MonitoringTopics.load()).isSameAs(MonitoringTopics.load());
    assertThat(MonitoringTopics.find("no-such-topic")).isEmpty();
  }

  @Test
  void controlIdsPerBenchmarkVersion() {
    List<String> securityHub = new ArrayList<>();
    for (int i = 0; i < IDS.size(); i++) {
      MonitoringTopic t = topic(IDS.get(i));
      int n = i + 1;
      Map<String, String> expected =
          n <= 14
              ? Map.of(
                  "1.2.0", "3." + n, "1.4.0", "4." + n, "3.0.0", "4." + n, "5.0.0", "4." + n,
                  "6.0.0", "5." + n, "7.0.0", "5." + n)
              : Map.of(
                  "1.4.0", "4." + n, "3.0.0", "4." + n, "5.0.0", "4." + n, "6.0.0", "5." + n,
                  "7.0.0", "5." + n);
      assertThat(t.cis()).as(t.id()).isEqualTo(expected);
      assertThat(List.copyOf(t.cis().keySet())).as("oldest first").isSorted();
      securityHub.add(String.join(",", t.securityHub()));
    }
    assertThat(securityHub)
        .containsExactly(
            "CloudWatch.2",
            "CloudWatch.3",
            "CloudWatch.1",
            "CloudWatch.4",
            "CloudWatch.5",
            "CloudWatch.6",
            "CloudWatch.7",
            "CloudWatch.8",
            "CloudWatch.9",
            "CloudWatch.10",
            "CloudWatch.11",
            "CloudWatch.12",
            "CloudWatch.13",
            "CloudWatch.14",
            "");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void canonicalPatternSatisfiesItsTopic(MonitoringTopic t) {
    TopicMatch m = MonitoringTopics.evaluate(FilterPattern.parse(t.canonicalPattern()), t);
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.wronglyMatched()).isEmpty();
    assertThat(m.satisfied()).isTrue();
    assertThat(m.explanation()).startsWith(t.title() + ": the pattern matches ");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void samplesAreCloudTrailRecordsWithUniqueNames(MonitoringTopic t) {
    assertThat(t.mustMatch()).isNotEmpty();
    assertThat(t.mustNotMatch()).isNotEmpty();
    List<SampleEvent> all = new ArrayList<>(t.mustMatch());
    all.addAll(t.mustNotMatch());
    for (SampleEvent s : all) {
      for (String field :
          List.of(
              "eventVersion",
              "userIdentity",
              "eventTime",
              "eventSource",
              "eventName",
              "awsRegion",
              "sourceIPAddress",
              "eventID",
              "eventType",
              "recipientAccountId")) {
        assertThat(s.event().has(field)).as("%s %s has %s", t.id(), s.name(), field).isTrue();
      }
      assertThat(s.name()).startsWith(s.eventName());
    }
    assertThat(all.stream().map(SampleEvent::name).distinct()).hasSameSizeAs(all);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void oneRequiredSamplePerEventNameThePatternNames(MonitoringTopic t) {
    Set<String> named = new LinkedHashSet<>();
    collectEventNames(FilterPattern.parse(t.canonicalPattern()).condition(), named);
    if (!named.isEmpty()) {
      assertThat(t.mustMatch()).extracting(SampleEvent::eventName).containsExactlyElementsOf(named);
    }
  }

  private static void collectEventNames(Condition c, Set<String> names) {
    if (c instanceof Condition.Or or) {
      or.anyOf().forEach(x -> collectEventNames(x, names));
    } else if (c instanceof Condition.And and) {
      and.allOf().forEach(x -> collectEventNames(x, names));
    } else if (c instanceof Condition.Comparison cmp
        && cmp.selector().toString().equals("$.eventName")
        && cmp.operator() == Operator.EQ) {
      names.add(cmp.value().text());
    }
  }

  @Test
  void iamTopicNamesTheSixteenPolicyEvents() {
    assertThat(topic("iam-policy-changes").mustMatch())
        .extracting(SampleEvent::name)
        .containsExactlyElementsOf(IAM_EVENTS);
  }

  @Test
  void securityGroupTopicIncludesModifySecurityGroupRulesAsInCis5() {
    assertThat(topic("security-group-changes").mustMatch())
        .extracting(SampleEvent::name)
        .contains("ModifySecurityGroupRules");
  }

  @Test
  void samplesSharingAnEventNameAreToldApart() {
    MonitoringTopic root = topic("root-usage");
    assertThat(root.mustMatch())
        .extracting(SampleEvent::name)
        .containsExactly("ConsoleLogin (userIdentity.type=Root)", "CreateAccessKey");
    assertThat(root.mustNotMatch())
        .extracting(SampleEvent::name)
        .containsExactly("ConsoleLogin (userIdentity.type=IAMUser)", "ListBuckets");
    assertThat(topic("console-auth-failures").mustNotMatch())
        .extracting(SampleEvent::name)
        .containsExactly("ConsoleLogin (responseElements.ConsoleLogin=Success)");
    assertThat(topic("organizations-changes").mustNotMatch())
        .extracting(SampleEvent::name)
        .contains("CreatePolicy (eventSource=iam.amazonaws.com)");
  }

  @Test
  void sampleEventsCannotBeChangedThroughTheTopic() {
    SampleEvent s = topic("vpc-changes").mustMatch().get(0);
    ((ObjectNode) s.event()).put("eventName", "Changed");
    assertThat(s.eventName()).isEqualTo("CreateVpc");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '#',
      value = {
        "unauthorized-api-calls # CIS AWS Foundations Benchmark 1.2.0 3.1; Security Hub"
            + " CloudWatch.2 # true #",
        "console-signin-without-mfa # CIS AWS Foundations Benchmark 5.0.0 4.2 (variant for SSO"
            + " users); Security Hub CloudWatch.3 # true #",
        "root-usage # Security Hub CloudWatch.1 # true #",
        "security-group-changes # Security Hub CloudWatch.10 (the events of CIS 1.2.0 3.10 to"
            + " 4.0.0 4.10) # false # ModifySecurityGroupRules",
      })
  void olderAndSecurityHubVariants(String id, String source, boolean satisfied, String missing) {
    PatternVariant v =
        topic(id).variants().stream()
            .filter(x -> x.source().equals(source))
            .findFirst()
            .orElseThrow();
    TopicMatch m = evaluate(id, v.pattern());
    assertThat(m.satisfied()).isEqualTo(satisfied);
    assertThat(m.unmatched())
        .containsExactlyElementsOf(missing == null ? List.of() : List.of(missing));
    assertThat(m.wronglyMatched()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void everyPublishedVariantParsesAndOnlyTheSecurityGroupOneFalls(MonitoringTopic t) {
    for (PatternVariant v : t.variants()) {
      TopicMatch m = evaluate(t.id(), v.pattern());
      assertThat(m.satisfied())
          .as("%s %s", t.id(), v.source())
          .isEqualTo(!t.id().equals("security-group-changes"));
    }
  }

  @Test
  void andWhereOrBelongsMatchesNothing() {
    TopicMatch m =
        evaluate(
            "iam-policy-changes",
            "{($.eventName=DeleteGroupPolicy)&&($.eventName=DeleteRolePolicy)}");
    assertThat(m.satisfied()).isFalse();
    assertThat(m.unmatched()).containsExactlyElementsOf(IAM_EVENTS);
    assertThat(m.wronglyMatched()).isEmpty();
  }

  @Test
  void misspeltEventNameIsNamed() {
    String pattern =
        topic("iam-policy-changes")
            .canonicalPattern()
            .replace("$.eventName=PutUserPolicy)", "$.eventName=PutUserPolicyy)");
    TopicMatch m = evaluate("iam-policy-changes", pattern);
    assertThat(m.unmatched()).containsExactly("PutUserPolicy");
    assertThat(m.wronglyMatched()).isEmpty();
    assertThat(m.explanation())
        .isEqualTo("IAM policy changes: the pattern does not match PutUserPolicy.");
  }

  @Test
  void missingEventIsNamed() {
    String pattern =
        topic("iam-policy-changes")
            .canonicalPattern()
            .replace("||($.eventName=DetachGroupPolicy)", "");
    assertThat(pattern).doesNotContain("DetachGroupPolicy");
    TopicMatch m = evaluate("iam-policy-changes", pattern);
    assertThat(m.unmatched()).containsExactly("DetachGroupPolicy");
  }

  @Test
  void tooBroadPatternNamesTheBenignEvents() {
    TopicMatch m = evaluate("iam-policy-changes", "{$.eventSource = iam.amazonaws.com}");
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.wronglyMatched()).containsExactly("GetPolicy", "ListPolicies");
    assertThat(m.explanation())
        .isEqualTo("IAM policy changes: the pattern matches benign GetPolicy and ListPolicies.");
  }

  @Test
  void organizationsPatternWithoutItsEventSourceCatchesIamCreatePolicy() {
    String pattern =
        topic("organizations-changes")
            .canonicalPattern()
            .replace("($.eventSource = organizations.amazonaws.com) && ", "");
    TopicMatch m = evaluate("organizations-changes", pattern);
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.wronglyMatched()).containsExactly("CreatePolicy (eventSource=iam.amazonaws.com)");
  }

  @Test
  void invertedMfaTestMissesAndMatchesTheWrongLogins() {
    TopicMatch m =
        evaluate(
            "console-signin-without-mfa",
            "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed = \"Yes\") }");
    assertThat(m.unmatched()).containsExactly("ConsoleLogin (additionalEventData.MFAUsed=No)");
    assertThat(m.wronglyMatched())
        .containsExactly("ConsoleLogin (additionalEventData.MFAUsed=Yes)");
    assertThat(m.explanation())
        .isEqualTo(
            "Management Console sign-in without MFA: the pattern does not match ConsoleLogin"
                + " (additionalEventData.MFAUsed=No) and matches benign ConsoleLogin"
                + " (additionalEventData.MFAUsed=Yes).");
  }

  @Test
  void notEqualsOnAFieldConsoleLoginsLackNeverMatches() {
    // An early CIS pattern: console sign-in records have no sessionContext, and != on a missing
    // property does not match.
    TopicMatch m =
        evaluate(
            "console-signin-without-mfa",
            "{ $.userIdentity.sessionContext.attributes.mfaAuthenticated != \"true\""
                + " && $.eventName = ConsoleLogin }");
    assertThat(m.unmatched()).containsExactly("ConsoleLogin (additionalEventData.MFAUsed=No)");
  }

  @Test
  void rootPatternNeedsNotExistsRatherThanNotEquals() {
    TopicMatch m =
        evaluate(
            "root-usage",
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy != \"AWS Internal\""
                + " && $.eventType != \"AwsServiceEvent\" }");
    assertThat(m.unmatched())
        .containsExactly("ConsoleLogin (userIdentity.type=Root)", "CreateAccessKey");
  }

  @Test
  void stringComparisonIsCaseSensitive() {
    TopicMatch m =
        evaluate(
            "console-auth-failures",
            "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \"failed authentication\") }");
    assertThat(m.unmatched()).containsExactly("ConsoleLogin (errorMessage=Failed authentication)");
  }

  @Test
  void tooBroadUnauthorizedPatternCatchesThrottling() {
    TopicMatch m = evaluate("unauthorized-api-calls", "{ $.errorCode = * }");
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.wronglyMatched()).containsExactly("DescribeVolumes");
  }

  @Test
  void satisfiedExplanation() {
    MonitoringTopic t = topic("cloudtrail-changes");
    assertThat(
            MonitoringTopics.evaluate(FilterPattern.parse(t.canonicalPattern()), t).explanation())
        .isEqualTo(
            "CloudTrail configuration changes: the pattern matches all 5 required events and none"
                + " of the 2 benign events.");
  }

  @Test
  void namingFallsBackToAbsentFieldsThenOrder() {
    JsonNode a = json("{\"eventName\": \"X\", \"errorCode\": \"E\"}");
    JsonNode b = json("{\"eventName\": \"X\"}");
    JsonNode c = json("{\"eventName\": \"Y\"}");
    assertThat(SampleNaming.names(List.of(a, b, c)))
        .containsExactly("X (errorCode=E)", "X (no errorCode)", "Y");
    assertThat(SampleNaming.names(List.of(b, b))).containsExactly("X (sample 1)", "X (sample 2)");
  }

  private static JsonNode json(String s) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  // ---------------------------------------------------------------- holes (issue 11.5)

  private static String narrowed(String topicId, String extra) {
    String canonical = topic(topicId).canonicalPattern().trim();
    return canonical.substring(0, canonical.lastIndexOf('}')) + " && " + extra + " }";
  }

  @ParameterizedTest
  @MethodSource("topics")
  void noCanonicalPatternOrPublishedWordingMeetingTheSamplesHasHoles(MonitoringTopic t) {
    assertThat(evaluate(t.id(), t.canonicalPattern()).holes()).isEmpty();
    for (PatternVariant v : t.variants()) {
      TopicMatch m = evaluate(t.id(), v.pattern());
      if (m.unmatched().isEmpty() && m.wronglyMatched().isEmpty()) {
        assertThat(m.holes()).as(v.source()).isEmpty();
      }
    }
  }

  @Test
  void rootUsageExemptingOneSourceAddressHasAHole() {
    TopicMatch m =
        evaluate("root-usage", narrowed("root-usage", "$.sourceIPAddress != \"192.0.2.44\""));
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.wronglyMatched()).isEmpty();
    assertThat(m.satisfied()).isFalse();
    assertThat(m.holes()).anyMatch(h -> h.endsWith("with sourceIPAddress = \"192.0.2.44\""));
    assertThat(m.explanation())
        .startsWith("Usage of the root user: the pattern drops ")
        .contains("sourceIPAddress = \"192.0.2.44\"")
        .endsWith(", which the canonical pattern matches.");
  }

  @Test
  void keyDeletionInOneRegionOnlyHasAHole() {
    TopicMatch m =
        evaluate(
            "cmk-disable-or-deletion",
            narrowed("cmk-disable-or-deletion", "$.awsRegion = us-east-1"));
    assertThat(m.satisfied()).isFalse();
    assertThat(m.holes()).anyMatch(h -> h.contains("with awsRegion = \""));
  }

  @Test
  void narrowingAnErrorCodeWildcardHasAHole() {
    TopicMatch m =
        evaluate(
            "unauthorized-api-calls",
            narrowed("unauthorized-api-calls", "$.errorCode != \"AccessDeniedByPolicy\""));
    assertThat(m.holes()).anyMatch(h -> h.contains("errorCode = \"AccessDeniedByPolicy\""));
  }

  @Test
  void aHoleOnlyTwoFieldsTogetherRevealIsFound() {
    TopicMatch m =
        evaluate(
            "root-usage",
            narrowed(
                "root-usage",
                "($.awsRegion != \"eu-west-1\" || $.userAgent != \"console.amazonaws.com\")"));
    assertThat(m.holes())
        .singleElement()
        .asString()
        .contains("awsRegion = \"eu-west-1\" and userAgent = \"console.amazonaws.com\"");
  }

  @Test
  void narrowingAsThePublishedWordingDoesIsAllowedAndNoFurther() {
    // Sign-in without MFA: CIS's SSO wording keeps IAM users only, so a candidate may too.
    String iamUsers = narrowed("console-signin-without-mfa", "($.userIdentity.type = \"IAMUser\")");
    assertThat(evaluate("console-signin-without-mfa", iamUsers).satisfied()).isTrue();
    TopicMatch alice =
        evaluate(
            "console-signin-without-mfa",
            narrowed("console-signin-without-mfa", "($.userIdentity.userName = \"alice\")"));
    assertThat(alice.holes()).anyMatch(h -> h.contains("userIdentity.userName"));
    // Root usage narrows on invokedBy NOT EXISTS itself: repeating it is no hole.
    assertThat(
            evaluate("root-usage", narrowed("root-usage", "$.userIdentity.invokedBy NOT EXISTS"))
                .satisfied())
        .isTrue();
  }

  @Test
  void regexPatternsAreSearchedForHolesToo() {
    assertThat(
            evaluate(
                    "cmk-disable-or-deletion",
                    "{ $.eventSource = kms.amazonaws.com && $.eventName ="
                        + " %^DisableKey$|^ScheduleKeyDeletion$% }")
                .satisfied())
        .isTrue();
    TopicMatch m =
        evaluate(
            "cmk-disable-or-deletion",
            "{ $.eventSource = kms.amazonaws.com && $.eventName = %^DisableKey$|^ScheduleKeyDeletion$%"
                + " && $.awsRegion = %^us-%  }");
    assertThat(m.holes()).anyMatch(h -> h.contains("awsRegion"));
  }
}
