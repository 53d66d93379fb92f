package io.trailaudit.policy;

import static io.trailaudit.testing.Organizations.LOG_ARCHIVE;
import static io.trailaudit.testing.Organizations.MEMBERS;
import static io.trailaudit.testing.Organizations.MGMT;
import static io.trailaudit.testing.Organizations.PROD;
import static io.trailaudit.testing.Organizations.ROOT;
import static io.trailaudit.testing.Organizations.SANDBOX;
import static io.trailaudit.testing.Organizations.SANDBOX_OU;
import static io.trailaudit.testing.Organizations.SECURITY_OU;
import static io.trailaudit.testing.Organizations.WORKLOADS_OU;
import static io.trailaudit.testing.Organizations.organization;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.OrganizationTree;
import io.trailaudit.policy.ScpDecision.Outcome;
import io.trailaudit.testing.Organizations;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * SCP evaluation: which protected CloudTrail actions are denied, in which member accounts, to whom.
 */
class ServiceControlPoliciesTest {
  static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/org-trail";
  static final String BREAK_GLASS_ROLE = "arn:aws:iam::" + LOG_ARCHIVE + ":role/BreakGlassTrail";
  static final List<String> BREAK_GLASS = List.of(BREAK_GLASS_ROLE);
  static final List<String> TAMPERING =
      List.of(
          "cloudtrail:StopLogging",
          "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail",
          "cloudtrail:PutEventSelectors",
          "cloudtrail:PutInsightSelectors");

  /**
   * "Deny modifications to specific CloudTrail trails", verbatim from AWS's public SCP examples
   * (aws-samples/service-control-policy-examples,
   * Deny-changes-to-security-services/Deny-modifications-to-specific-CloudTrail-trails.json).
   */
  static final String AWS_EXAMPLE =
      """
      {
          "Version": "2012-10-17",
          "Statement": [
              {
                  "Effect": "Deny",
                  "Action": [
                      "cloudtrail:DeleteTrail",
                      "cloudtrail:PutEventSelectors",
                      "cloudtrail:StopLogging",
                      "cloudtrail:UpdateTrail",
                      "cloudtrail:CreateTrail"
                  ],
                  "Resource": "arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]",
                  "Condition": {
                      "ArnNotLike": {
                          "aws:PrincipalARN": "arn:aws:iam::${Account}:role/[PRIVILEGED_ROLE]"
                      }
                  }
              }
          ]
      }
      """;

  /** The best-practice SCP: all five tampering actions, a break-glass exemption. */
  static final String BEST_PRACTICE =
      """
      {
        "Version": "2012-10-17",
        "Statement": [{
          "Sid": "DenyTrailTampering",
          "Effect": "Deny",
          "Action": [
            "cloudtrail:StopLogging",
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail",
            "cloudtrail:PutEventSelectors",
            "cloudtrail:PutInsightSelectors"
          ],
          "Resource": "*",
          "Condition": {
            "ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::222222222222:role/BreakGlassTrail"}
          }
        }]
      }
      """;

  private static String deny(String actionElement, String resource, String condition) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Deny\", \"Effect\":"
        + " \"Deny\", "
        + actionElement
        + ", \"Resource\": \""
        + resource
        + "\""
        + (condition.isEmpty() ? "" : ", \"Condition\": {" + condition + "}")
        + "}]}";
  }

  private static String actions(String... names) {
    return "\"Action\": [\"" + String.join("\", \"", names) + "\"]";
  }

  private static final String BREAK_GLASS_EXEMPTION =
      "\"ArnNotLike\": {\"aws:PrincipalARN\": \"" + BREAK_GLASS_ROLE + "\"}";

  /** Per member account, the protected actions denied to every non-break-glass principal. */
  private static Map<String, List<String>> deniedByAccount(
      OrganizationTree tree, String resource, List<String> breakGlass) {
    ServiceControlPolicies scps = ServiceControlPolicies.of(tree);
    Map<String, List<String>> out = new TreeMap<>();
    for (String account : MEMBERS) {
      out.put(account, scps.protection(account, resource, TAMPERING, breakGlass).denied());
    }
    return out;
  }

  private static ScpProtection protection(OrganizationTree tree, String account) {
    return ServiceControlPolicies.of(tree).protection(account, TRAIL, TAMPERING, BREAK_GLASS);
  }

  private static ScpDecision decide(
      OrganizationTree tree, String principal, String action, String account) {
    return ServiceControlPolicies.of(tree)
        .decide(new ScpRequest(principal, action, TRAIL, account));
  }

  private static String role(String account, String name) {
    return "arn:aws:iam::" + account + ":role/" + name;
  }

  @Test
  void withOnlyFullAwsAccessNothingIsDenied() {
    OrganizationTree tree = organization().build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsOnlyKeys(MEMBERS)
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    ScpProtection p = protection(tree, PROD);
    assertThat(p.open()).containsExactlyElementsOf(TAMPERING);
    assertThat(p.actions().get(0).reason())
        .isEqualTo("no SCP on Root / Workloads / prod denies it to every other principal");
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void awsExampleVerbatimProtectsNothingBecauseItNamesATrailCalledPlaceholder() {
    OrganizationTree tree = organization().scp("aws-example", AWS_EXAMPLE, ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    ScpProtection p = protection(tree, PROD);
    assertThat(p.nearMisses()).hasSize(1);
    ScpNearMiss miss = p.nearMisses().get(0);
    assertThat(miss.actions())
        .containsExactly(
            "cloudtrail:StopLogging",
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail",
            "cloudtrail:PutEventSelectors");
    assertThat(miss.describe())
        .isEqualTo(
            "Statement[0] of SCP aws-example (p-aws-example) on root Root (r-root): Resource"
                + " [arn:aws:cloudtrail:${Region}:${Account}:trail/[CLOUDTRAIL_NAME]] does not"
                + " include "
                + TRAIL);
  }

  @Test
  void awsExampleWithItsVariablesLeftInIsNotCertainToApply() {
    String names =
        AWS_EXAMPLE
            .replace("[CLOUDTRAIL_NAME]", "org-trail")
            .replace("[PRIVILEGED_ROLE]", "BreakGlassTrail");
    OrganizationTree tree = organization().scp("aws-example", names, ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    ScpProtection p = protection(tree, PROD);
    assertThat(p.nearMisses().get(0).reason())
        .contains("only for some values of its policy variables")
        .contains("exempts principals beyond the break-glass list");
    // ${Account} is no request key: it could be any account, so the exemption could be anyone's.
    assertThat(p.widerExemptions())
        .extracting(WideExemption::pattern)
        .containsExactly("arn:aws:iam::${Account}:role/BreakGlassTrail");
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.UNDECIDED);
  }

  @Test
  void awsExampleFilledInProtectsItsFourActionsButNotPutInsightSelectors() {
    String filled =
        AWS_EXAMPLE
            .replace("${Region}", "us-east-1")
            .replace("${Account}:trail/[CLOUDTRAIL_NAME]", MGMT + ":trail/org-trail")
            .replace("${Account}:role/[PRIVILEGED_ROLE]", LOG_ARCHIVE + ":role/BreakGlassTrail");
    OrganizationTree tree = organization().scp("aws-example", filled, ROOT).build();
    List<String> four =
        List.of(
            "cloudtrail:StopLogging",
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail",
            "cloudtrail:PutEventSelectors");
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(four));
    ScpProtection p = protection(tree, SANDBOX);
    assertThat(p.open()).containsExactly("cloudtrail:PutInsightSelectors");
    assertThat(p.breakGlassDenied()).isEmpty();
    assertThat(p.actions().get(0).reason())
        .isEqualTo(
            "denied by Statement[0] of SCP aws-example (p-aws-example) on root Root (r-root)");
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(decide(tree, BREAK_GLASS_ROLE, "cloudtrail:StopLogging", LOG_ARCHIVE).outcome())
        .isEqualTo(Outcome.ALLOWED);
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:PutInsightSelectors", PROD).outcome())
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void bestPracticeScpOnTheRootProtectsEveryActionInEveryMemberAccount() {
    OrganizationTree tree = organization().scp("protect-trail", BEST_PRACTICE, ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsOnlyKeys(MEMBERS)
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(TAMPERING));
    ScpProtection p = protection(tree, LOG_ARCHIVE);
    assertThat(p.satisfied()).isTrue();
    assertThat(p.breakGlassDenied()).isEmpty();
    assertThat(p.nearMisses()).isEmpty();
  }

  @Test
  void bestPracticeScpDecidesConcreteRequests() {
    OrganizationTree tree = organization().scp("protect-trail", BEST_PRACTICE, ROOT).build();
    ScpDecision ordinary = decide(tree, role(PROD, "Admin"), "cloudtrail:StopLogging", PROD);
    assertThat(ordinary.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(ordinary.explanation())
        .isEqualTo(
            "cloudtrail:StopLogging is denied by Statement[0] (Sid DenyTrailTampering) of SCP"
                + " protect-trail (p-protect-trail) on root Root (r-root)");
    assertThat(decide(tree, BREAK_GLASS_ROLE, "cloudtrail:DeleteTrail", LOG_ARCHIVE))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.ALLOWED);
    // The same role name in another account is not the break-glass role.
    assertThat(decide(tree, role(PROD, "BreakGlassTrail"), "cloudtrail:DeleteTrail", PROD))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.EXPLICIT_DENY);
    ScpDecision management = decide(tree, role(MGMT, "Admin"), "cloudtrail:StopLogging", MGMT);
    assertThat(management.outcome()).isEqualTo(Outcome.NOT_RESTRICTED);
    assertThat(management.explanation())
        .isEqualTo("SCPs never restrict the management account " + MGMT);
    assertThat(decide(tree, role(PROD, "Admin"), "cloudtrail:StartLogging", PROD).outcome())
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void actionNamesAreCaseInsensitive() {
    OrganizationTree tree =
        organization()
            .scp(
                "lower",
                deny(actions("CloudTrail:stoplogging", "CLOUDTRAIL:DELETETRAIL"), "*", ""),
                ROOT)
            .build();
    assertThat(protection(tree, PROD).denied())
        .containsExactly("cloudtrail:StopLogging", "cloudtrail:DeleteTrail");
  }

  @Test
  void cloudTrailStarDeniesEverythingIncludingBreakGlass() {
    OrganizationTree tree =
        organization().scp("no-cloudtrail", deny(actions("cloudtrail:*"), "*", ""), ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(TAMPERING));
    ScpProtection p = protection(tree, PROD);
    assertThat(p.breakGlassDenied())
        .containsExactly(
            BREAK_GLASS_ROLE
                + " by Statement[0] (Sid Deny) of SCP no-cloudtrail (p-no-cloudtrail) on root Root"
                + " (r-root)");
    assertThat(decide(tree, BREAK_GLASS_ROLE, "cloudtrail:StopLogging", LOG_ARCHIVE).outcome())
        .isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void stopStarDeniesOnlyStopLogging() {
    OrganizationTree tree =
        organization()
            .scp("no-stop", deny(actions("cloudtrail:Stop*"), TRAIL, BREAK_GLASS_EXEMPTION), ROOT)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy(
            (account, denied) -> assertThat(denied).containsExactly("cloudtrail:StopLogging"));
    assertThat(protection(tree, PROD).open())
        .containsExactly(
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail",
            "cloudtrail:PutEventSelectors",
            "cloudtrail:PutInsightSelectors");
  }

  @Test
  void notActionDeniesEverythingItDoesNotList() {
    String notAction =
        "\"NotAction\": [\"cloudtrail:Describe*\", \"cloudtrail:Get*\", \"cloudtrail:List*\","
            + " \"cloudtrail:LookupEvents\", \"cloudtrail:PutInsight*\"]";
    OrganizationTree tree =
        organization()
            .scp("not-action", deny(notAction, TRAIL, BREAK_GLASS_EXEMPTION), WORKLOADS_OU)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsEntry(LOG_ARCHIVE, List.of())
        .containsEntry(
            PROD,
            List.of(
                "cloudtrail:StopLogging",
                "cloudtrail:DeleteTrail",
                "cloudtrail:UpdateTrail",
                "cloudtrail:PutEventSelectors"))
        .containsEntry(
            SANDBOX,
            List.of(
                "cloudtrail:StopLogging",
                "cloudtrail:DeleteTrail",
                "cloudtrail:UpdateTrail",
                "cloudtrail:PutEventSelectors"));
  }

  @Test
  void scpOnAnOuProtectsOnlyTheAccountsBelowIt() {
    OrganizationTree tree =
        organization().scp("protect-trail", BEST_PRACTICE, WORKLOADS_OU).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsEntry(LOG_ARCHIVE, List.of())
        .containsEntry(PROD, TAMPERING)
        .containsEntry(SANDBOX, TAMPERING);
    assertThat(protection(tree, SANDBOX).actions().get(0).reason())
        .isEqualTo(
            "denied by Statement[0] (Sid DenyTrailTampering) of SCP protect-trail"
                + " (p-protect-trail) on OU Workloads (ou-root-workloads)");
    assertThat(decide(tree, role(LOG_ARCHIVE, "Dev"), "cloudtrail:StopLogging", LOG_ARCHIVE))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void scpOnOneAccountProtectsOnlyThatAccount() {
    OrganizationTree tree = organization().scp("protect-trail", BEST_PRACTICE, SANDBOX).build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsEntry(LOG_ARCHIVE, List.of())
        .containsEntry(PROD, List.of())
        .containsEntry(SANDBOX, TAMPERING);
  }

  @Test
  void resourceNamingAnotherTrailProtectsNothingOfThisOne() {
    String other = "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/other-trail";
    OrganizationTree tree =
        organization()
            .scp(
                "other",
                deny(actions(TAMPERING.toArray(String[]::new)), other, BREAK_GLASS_EXEMPTION),
                ROOT)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    assertThat(deniedByAccount(tree, other, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(TAMPERING));
    assertThat(protection(tree, PROD).nearMisses())
        .extracting(ScpNearMiss::reason)
        .containsExactly("Resource [" + other + "] does not include " + TRAIL);
  }

  @Test
  void overBroadExemptionIsNamedAndLeavesTheActionsOpen() {
    OrganizationTree tree =
        organization()
            .scp(
                "admins-exempt",
                deny(
                    actions(TAMPERING.toArray(String[]::new)),
                    "*",
                    "\"ArnNotLike\": {\"aws:PrincipalARN\": [\""
                        + BREAK_GLASS_ROLE
                        + "\", \"arn:aws:iam::*:role/*Admin*\"]}"),
                ROOT)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    ScpProtection p = protection(tree, PROD);
    assertThat(p.widerExemptions())
        .extracting(WideExemption::describe)
        .containsExactly(
            "Statement[0] (Sid Deny) Condition ArnNotLike aws:PrincipalARN exempts"
                + " arn:aws:iam::*:role/*Admin*");
    assertThat(decide(tree, role(PROD, "PlatformAdmins"), "cloudtrail:StopLogging", PROD))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.ALLOWED);
    assertThat(decide(tree, role(PROD, "Developer"), "cloudtrail:StopLogging", PROD))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void anyExemptionIsTooWideWithoutABreakGlassList() {
    OrganizationTree tree = organization().scp("protect-trail", BEST_PRACTICE, ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, List.of()))
        .allSatisfy((account, denied) -> assertThat(denied).isEmpty());
    assertThat(
            ServiceControlPolicies.of(tree)
                .protection(PROD, TRAIL, TAMPERING, List.of())
                .widerExemptions())
        .extracting(WideExemption::pattern)
        .containsExactly(BREAK_GLASS_ROLE);
  }

  @Test
  void exemptionWithinAWildcardBreakGlassEntryCounts() {
    OrganizationTree tree = organization().scp("protect-trail", BEST_PRACTICE, ROOT).build();
    assertThat(deniedByAccount(tree, TRAIL, List.of("arn:aws:iam::*:role/BreakGlass*")))
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(TAMPERING));
  }

  @Test
  void exemptionOperatorsAndTheirIfExistsVariants() {
    for (String op :
        List.of(
            "ArnNotLike",
            "ArnNotEquals",
            "StringNotLike",
            "StringNotEquals",
            "ArnNotLikeIfExists",
            "StringNotEqualsIfExists")) {
      String key = op.startsWith("Arn") ? "aws:PrincipalARN" : "aws:PrincipalArn";
      OrganizationTree tree =
          organization()
              .scp(
                  "exempt",
                  deny(
                      actions(TAMPERING.toArray(String[]::new)),
                      "*",
                      "\"" + op + "\": {\"" + key + "\": \"" + BREAK_GLASS_ROLE + "\"}"),
                  ROOT)
              .build();
      assertThat(protection(tree, PROD).denied()).as(op).containsExactlyElementsOf(TAMPERING);
      assertThat(decide(tree, BREAK_GLASS_ROLE, "cloudtrail:StopLogging", LOG_ARCHIVE).outcome())
          .as(op)
          .isEqualTo(Outcome.ALLOWED);
      assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
          .as(op)
          .isEqualTo(Outcome.EXPLICIT_DENY);
    }
  }

  @Test
  void stringNotEqualsTakesAStarLiterally() {
    OrganizationTree tree =
        organization()
            .scp(
                "literal",
                deny(
                    actions("cloudtrail:StopLogging"),
                    "*",
                    "\"StringNotEquals\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/BreakGlass\"}"),
                ROOT)
            .build();
    // The exempted ARN is the literal string with a star, which no principal has, and which the
    // break-glass pattern includes.
    assertThat(
            ServiceControlPolicies.of(tree)
                .protection(PROD, TRAIL, TAMPERING, List.of("arn:aws:iam::*:role/*"))
                .denied())
        .containsExactly("cloudtrail:StopLogging");
  }

  @Test
  void principalAccountVariableInTheResourceIsTheRequestingAccount() {
    String ownTrails = "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*";
    OrganizationTree tree =
        organization()
            .scp("own", deny(actions("cloudtrail:*"), ownTrails, BREAK_GLASS_EXEMPTION), ROOT)
            .build();
    // The organization trail belongs to the management account: not "own" in a member account.
    assertThat(protection(tree, PROD).denied()).isEmpty();
    String prodTrail = "arn:aws:cloudtrail:eu-west-1:" + PROD + ":trail/app";
    assertThat(
            ServiceControlPolicies.of(tree)
                .protection(PROD, prodTrail, TAMPERING, BREAK_GLASS)
                .denied())
        .containsExactlyElementsOf(TAMPERING);
    assertThat(
            ServiceControlPolicies.of(tree)
                .protection(SANDBOX, prodTrail, TAMPERING, BREAK_GLASS)
                .denied())
        .isEmpty();
  }

  @Test
  void principalAccountVariableInTheExemption() {
    OrganizationTree tree =
        organization()
            .scp(
                "own-break-glass",
                deny(
                    actions("cloudtrail:StopLogging"),
                    "*",
                    "\"ArnNotLike\": {\"aws:PrincipalArn\":"
                        + " \"arn:aws:iam::${aws:PrincipalAccount}:role/BreakGlassTrail\"}"),
                ROOT)
            .build();
    ServiceControlPolicies scps = ServiceControlPolicies.of(tree);
    assertThat(scps.protection(LOG_ARCHIVE, TRAIL, TAMPERING, BREAK_GLASS).denied())
        .containsExactly("cloudtrail:StopLogging");
    // In the prod account the exemption is prod's own role, which is not on the list.
    assertThat(scps.protection(PROD, TRAIL, TAMPERING, BREAK_GLASS).widerExemptions())
        .extracting(WideExemption::pattern)
        .containsExactly("arn:aws:iam::${aws:PrincipalAccount}:role/BreakGlassTrail");
  }

  @Test
  void conditionOnAnotherKeyIsNotCountedAndSaysSo() {
    OrganizationTree tree =
        organization()
            .scp(
                "region-only",
                deny(
                    actions(TAMPERING.toArray(String[]::new)),
                    "*",
                    "\"StringEquals\": {\"aws:RequestedRegion\": \"us-east-1\"}"),
                ROOT)
            .build();
    ScpProtection p = protection(tree, PROD);
    assertThat(p.denied()).isEmpty();
    assertThat(p.nearMisses())
        .extracting(ScpNearMiss::reason)
        .containsExactly(
            "denies only when StringEquals aws:RequestedRegion [us-east-1] holds, which cannot be"
                + " shown for every request, so it is not counted");
    ScpDecision d = decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD);
    assertThat(d.outcome()).isEqualTo(Outcome.UNDECIDED);
    assertThat(d.denied()).isFalse();
    assertThat(d.explanation()).contains("depends on StringEquals aws:RequestedRegion");
  }

  @Test
  void regionRestrictionWithNotActionIsNotCounted() {
    String notAction = "\"NotAction\": [\"iam:*\", \"organizations:*\", \"sts:*\"]";
    OrganizationTree tree =
        organization()
            .scp(
                "regions",
                deny(
                    notAction,
                    "*",
                    "\"StringNotEquals\": {\"aws:RequestedRegion\": [\"eu-west-1\"]}"),
                ROOT)
            .build();
    ScpProtection p = protection(tree, PROD);
    assertThat(p.denied()).isEmpty();
    assertThat(p.nearMisses().get(0).actions()).containsExactlyElementsOf(TAMPERING);
  }

  @Test
  void principalAccountConditionIsDecidedPerAccount() {
    OrganizationTree tree =
        organization()
            .scp(
                "not-log-archive",
                deny(
                    actions(TAMPERING.toArray(String[]::new)),
                    "*",
                    "\"StringNotEquals\": {\"aws:PrincipalAccount\": \"" + LOG_ARCHIVE + "\"}"),
                ROOT)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsEntry(LOG_ARCHIVE, List.of())
        .containsEntry(PROD, TAMPERING)
        .containsEntry(SANDBOX, TAMPERING);
    assertThat(protection(tree, LOG_ARCHIVE).nearMisses())
        .extracting(ScpNearMiss::reason)
        .containsExactly(
            "does not apply in account "
                + LOG_ARCHIVE
                + " (StringNotEquals aws:PrincipalAccount ["
                + LOG_ARCHIVE
                + "])");
  }

  @Test
  void denyOnlyForSomePrincipalsIsNotCounted() {
    OrganizationTree tree =
        organization()
            .scp(
                "devs",
                deny(
                    actions("cloudtrail:StopLogging"),
                    "*",
                    "\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/Dev*\"}"),
                ROOT)
            .build();
    assertThat(protection(tree, PROD).denied()).isEmpty();
    assertThat(decide(tree, role(PROD, "DevOps"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(decide(tree, role(PROD, "Ops"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void actionNotAllowedAtOneLevelIsDeniedBelowIt() {
    String allowList =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\":"
            + " [\"ec2:*\", \"s3:*\", \"cloudtrail:Describe*\", \"cloudtrail:Get*\"], \"Resource\":"
            + " \"*\"}]}";
    OrganizationTree tree =
        organization()
            .fullAccessOnly(ROOT, SECURITY_OU, SANDBOX_OU, MGMT, LOG_ARCHIVE, PROD, SANDBOX)
            .scp("allow-list", allowList, WORKLOADS_OU)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .containsEntry(LOG_ARCHIVE, List.of())
        .containsEntry(PROD, TAMPERING)
        .containsEntry(SANDBOX, TAMPERING);
    ScpProtection p = protection(tree, SANDBOX);
    assertThat(p.actions().get(0).reason())
        .isEqualTo(
            "denied by no SCP on OU Workloads (ou-root-workloads) allows cloudtrail:StopLogging");
    assertThat(p.breakGlassDenied())
        .contains(
            "all break-glass principals: no SCP on OU Workloads (ou-root-workloads) allows"
                + " cloudtrail:StopLogging");
    ScpDecision d = decide(tree, BREAK_GLASS_ROLE, "cloudtrail:StopLogging", PROD);
    assertThat(d.outcome()).isEqualTo(Outcome.NOT_ALLOWED);
    assertThat(d.denied()).isTrue();
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:GetTrailStatus", PROD).outcome())
        .isEqualTo(Outcome.ALLOWED);
  }

  @Test
  void allowLimitedToBreakGlassLeavesOrdinaryPrincipalsNotAllowed() {
    String allowBreakGlass =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"NotAction\":"
            + " \"cloudtrail:*\", \"Resource\": \"*\"}, {\"Effect\": \"Allow\", \"Action\":"
            + " \"cloudtrail:*\", \"Resource\": \"*\", \"Condition\": {\"ArnLike\":"
            + " {\"aws:PrincipalArn\": \""
            + BREAK_GLASS_ROLE
            + "\"}}}]}";
    OrganizationTree tree =
        organization()
            .fullAccessOnly(ROOT, WORKLOADS_OU, SANDBOX_OU, MGMT, LOG_ARCHIVE, PROD, SANDBOX)
            .scp("break-glass-only", allowBreakGlass, SECURITY_OU)
            .build();
    ScpProtection p = protection(tree, LOG_ARCHIVE);
    assertThat(p.denied()).containsExactlyElementsOf(TAMPERING);
    assertThat(p.breakGlassDenied()).isEmpty();
    assertThat(decide(tree, BREAK_GLASS_ROLE, "cloudtrail:StopLogging", LOG_ARCHIVE).outcome())
        .isEqualTo(Outcome.ALLOWED);
    assertThat(decide(tree, role(LOG_ARCHIVE, "Dev"), "cloudtrail:StopLogging", LOG_ARCHIVE))
        .extracting(ScpDecision::outcome)
        .isEqualTo(Outcome.NOT_ALLOWED);
  }

  @Test
  void aDenyAnywhereWinsOverAWideExemptionElsewhere() {
    String wide =
        deny(
            actions(TAMPERING.toArray(String[]::new)),
            "*",
            "\"ArnNotLike\": {\"aws:PrincipalARN\": \"arn:aws:iam::*:role/*Admin*\"}");
    OrganizationTree tree =
        organization()
            .scp("wide", wide, WORKLOADS_OU)
            .scp("protect-trail", BEST_PRACTICE, ROOT)
            .build();
    ScpProtection p = protection(tree, PROD);
    assertThat(p.satisfied()).isTrue();
    assertThat(p.widerExemptions()).isEmpty();
    assertThat(decide(tree, role(PROD, "PlatformAdmin"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void scpsNotEnabledOnTheRootRestrictNothing() {
    OrganizationTree tree =
        organization().scp("protect-trail", BEST_PRACTICE, ROOT).scpStatus(null).build();
    ServiceControlPolicies scps = ServiceControlPolicies.of(tree);
    assertThat(scps.inForce()).isFalse();
    ScpProtection p = scps.protection(PROD, TRAIL, TAMPERING, BREAK_GLASS);
    assertThat(p.open()).containsExactlyElementsOf(TAMPERING);
    assertThat(p.actions().get(0).reason())
        .isEqualTo(
            "the SERVICE_CONTROL_POLICY type is not enabled on the root, so SCPs do not apply");
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.NOT_RESTRICTED);
    Organizations billingOnly =
        organization().scp("protect-trail", BEST_PRACTICE, ROOT).featureSet("CONSOLIDATED_BILLING");
    assertThat(ServiceControlPolicies.of(billingOnly.build()).inForce()).isFalse();
  }

  @Test
  void unparseablePolicyOnThePathMakesTheVerdictUndecided() {
    OrganizationTree tree =
        organization().scp("broken", "{\"Statement\": 42}", WORKLOADS_OU).build();
    ScpProtection p = protection(tree, PROD);
    assertThat(p.undecided()).containsExactlyElementsOf(TAMPERING);
    assertThat(p.actions().get(0).reason())
        .startsWith(
            "not denied by any readable SCP, and SCP broken (p-broken) on OU Workloads"
                + " (ou-root-workloads) could not be parsed: ");
    assertThat(protection(tree, LOG_ARCHIVE).open()).containsExactlyElementsOf(TAMPERING);
    assertThat(decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD).outcome())
        .isEqualTo(Outcome.UNDECIDED);
  }

  @Test
  void levelWithoutAnyScpIsIncompleteDataNotAnImplicitDeny() {
    OrganizationTree tree =
        organization()
            .fullAccessOnly(ROOT, SECURITY_OU, SANDBOX_OU, MGMT, LOG_ARCHIVE, PROD, SANDBOX)
            .build();
    ScpProtection p = protection(tree, PROD);
    assertThat(p.denied()).isEmpty();
    assertThat(p.undecided()).containsExactlyElementsOf(TAMPERING);
    assertThat(p.actions().get(0).reason())
        .isEqualTo(
            "not denied by any readable SCP, and no SCP is attached to OU Workloads"
                + " (ou-root-workloads) in the snapshot, though AWS keeps at least one on every"
                + " level: its policy targets are incomplete");
    ScpDecision d = decide(tree, role(PROD, "Dev"), "cloudtrail:StopLogging", PROD);
    assertThat(d.outcome()).isEqualTo(Outcome.UNDECIDED);
    assertThat(protection(tree, LOG_ARCHIVE).open()).containsExactlyElementsOf(TAMPERING);
  }

  @Test
  void pathRunsFromTheRootThroughNestedOusToTheAccount() {
    ServiceControlPolicies scps = ServiceControlPolicies.of(organization().build());
    assertThat(scps.path(SANDBOX).orElseThrow())
        .extracting(ScpLevel::label)
        .containsExactly(
            "root Root (r-root)",
            "OU Workloads (ou-root-workloads)",
            "OU Sandbox (ou-root-sandbox)",
            "account sandbox (" + SANDBOX + ")");
    assertThat(scps.pathLabel(SANDBOX)).isEqualTo("Root / Workloads / Sandbox / sandbox");
    assertThat(scps.path("999999999999")).isEmpty();
    assertThat(scps.memberAccounts())
        .extracting(OrganizationTree.Account::id)
        .containsExactlyElementsOf(MEMBERS);
  }

  @Test
  void ignoreCaseExemptionOfTheBreakGlassRoleIsLikeStringNotEquals() {
    String exact =
        "\"StringNotEqualsIgnoreCase\": {\"aws:PrincipalArn\": \""
            + BREAK_GLASS_ROLE
                .toUpperCase(java.util.Locale.ROOT)
                .replace("ARN:AWS:IAM", "arn:aws:iam")
            + "\"}";
    OrganizationTree tree =
        organization()
            .scp("ic", deny(actions(TAMPERING.toArray(String[]::new)), TRAIL, exact), ROOT)
            .build();
    assertThat(deniedByAccount(tree, TRAIL, BREAK_GLASS))
        .allSatisfy((account, denied) -> assertThat(denied).containsExactlyElementsOf(TAMPERING));
    // the break-glass role itself is exempted, in any spelling: nothing says it is denied too
    assertThat(protection(tree, PROD).breakGlassDenied()).isEmpty();
  }

  @Test
  void roleIdExemptionIsResolvedWhenTheIdIsKnownAndReportedOtherwise() {
    String byId = "\"StringNotLike\": {\"aws:userid\": \"AROAEXAMPLEBREAKGLASS:*\"}";
    OrganizationTree tree =
        organization()
            .scp("id", deny(actions(TAMPERING.toArray(String[]::new)), TRAIL, byId), ROOT)
            .build();
    ScpProtection unknown = protection(tree, PROD);
    assertThat(unknown.denied()).isEmpty();
    assertThat(unknown.widerExemptions())
        .extracting(WideExemption::why)
        .containsOnly(
            "aws:userid AROAEXAMPLEBREAKGLASS:* cannot match to a break-glass ARN: the principal"
                + " with unique id AROAEXAMPLEBREAKGLASS is not known");
    ScpProtection known =
        ServiceControlPolicies.of(tree)
            .protection(
                PROD,
                TRAIL,
                TAMPERING,
                BREAK_GLASS,
                Map.of("AROAEXAMPLEBREAKGLASS", BREAK_GLASS_ROLE));
    assertThat(known.denied()).containsExactlyElementsOf(TAMPERING);
    ScpProtection other =
        ServiceControlPolicies.of(tree)
            .protection(
                PROD,
                TRAIL,
                TAMPERING,
                BREAK_GLASS,
                Map.of("AROAEXAMPLEBREAKGLASS", role(PROD, "Deployer")));
    assertThat(other.denied()).isEmpty();
  }
}
