package io.trailaudit.checks.scpprotection;

import static io.trailaudit.testing.Fixtures.BUCKET;
import static io.trailaudit.testing.Fixtures.KEY_ARN;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.NOW;
import static io.trailaudit.testing.Fixtures.REGIONS;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.withKey;
import static io.trailaudit.testing.Fixtures.withOrganization;
import static io.trailaudit.testing.Organizations.ROOT;
import static io.trailaudit.testing.Organizations.SECURITY_OU;
import static io.trailaudit.testing.Organizations.WORKLOADS_OU;
import static io.trailaudit.testing.Organizations.organization;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.collect.ReadOperations;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.testing.Fixtures;
import io.trailaudit.testing.Organizations;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScpProtectionCheckTest {
  @Test
  void thePermissionsItsErrorsNameAreTheOrganizationReadsOfTheAllowList() {
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("organizations:[A-Za-z]+").matcher(ScpProtectionCheck.PERMISSIONS);
    while (m.find()) {
      named.add(m.group());
    }
    Set<String> allowed = new TreeSet<>();
    ReadOperations.get().iamActions().stream()
        .filter(a -> a.startsWith("organizations:"))
        .forEach(allowed::add);
    assertThat(named).isEqualTo(allowed);
  }

  static final String BREAK_GLASS = "arn:aws:iam::" + MEMBER + ":role/BreakGlassLogAdmin";
  static final AuditConfig CONFIG =
      AuditConfig.builder().breakGlassPrincipals(List.of(BREAK_GLASS)).build();
  static final String EXEMPT =
      ", \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalARN\": \"" + BREAK_GLASS + "\"}}";

  private final ScpProtectionCheck check = new ScpProtectionCheck();

  static String deny(String sid, List<String> actions, String resource, String condition) {
    return "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \""
        + sid
        + "\", \"Effect\": \"Deny\", \"Action\": [\""
        + String.join("\", \"", actions)
        + "\"], \"Resource\": \""
        + resource
        + "\""
        + condition
        + "}]}";
  }

  /** Trail, bucket and key SCPs with the break-glass exemption, on {@code target}. */
  static Organizations protectedAt(Organizations org, String target) {
    return org.scp(
            "trail", deny("Trail", ScpProtectionCheck.TRAIL_ACTIONS, TRAIL_ARN, EXEMPT), target)
        .scp(
            "bucket",
            deny("Bucket", ScpProtectionCheck.BUCKET_ACTIONS, "arn:aws:s3:::" + BUCKET, EXEMPT),
            target)
        .scp("key", deny("Key", ScpProtectionCheck.KEY_ACTIONS, KEY_ARN, EXEMPT), target);
  }

  static Snapshot snapshot(Observed<OrganizationTree> org, AccountSnapshot... accounts) {
    return new Snapshot(
        Snapshot.SCHEMA_VERSION,
        NOW,
        new CollectionInfo("trailaudit", "test", "fixture", null, "us-east-1", REGIONS, List.of()),
        org,
        List.of(accounts),
        List.of(),
        List.of(),
        List.of());
  }

  private List<Finding> run(OrganizationTree tree) {
    return run(tree, CONFIG);
  }

  private List<Finding> run(OrganizationTree tree, AuditConfig config) {
    return check.evaluate(
        snapshot(Observed.known(tree), account(MGMT, orgTrail()), account(MEMBER, orgTrail())),
        config);
  }

  private static Finding find(List<Finding> fs, String requirement) {
    List<Finding> m = fs.stream().filter(f -> f.requirement().equals(requirement)).toList();
    assertThat(m).as(requirement + " in " + fs).hasSize(1);
    return m.get(0);
  }

  @Test
  void scpsOnTheRootProtectTrailBucketAndKeyInEveryMemberAccount() {
    List<Finding> fs = run(protectedAt(organization(), ROOT).build());
    assertThat(fs).hasSize(5);
    assertThat(find(fs, "scp-enabled").status()).isEqualTo(Status.PASS);
    Finding trail = find(fs, "trail-tamper-denied");
    assertThat(trail.status()).isEqualTo(Status.PASS);
    assertThat(trail.resourceArn()).isEqualTo(TRAIL_ARN);
    assertThat(trail.message())
        .isEqualTo(
            "cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail,"
                + " cloudtrail:PutEventSelectors, cloudtrail:PutInsightSelectors on "
                + TRAIL_ARN
                + " denied to every principal outside the break-glass list in all 3 member"
                + " accounts, by Statement[0] (Sid Trail) of SCP trail (p-trail) on root Root"
                + " (r-root)");
    Finding bucket = find(fs, "bucket-tamper-denied");
    assertThat(bucket.status()).isEqualTo(Status.PASS);
    assertThat(bucket.resourceArn()).isEqualTo("arn:aws:s3:::" + BUCKET);
    Finding key = find(fs, "key-tamper-denied");
    assertThat(key.status()).isEqualTo(Status.PASS);
    assertThat(key.resourceArn()).isEqualTo(KEY_ARN);
    assertThat(key.account()).isEqualTo(MEMBER);
  }

  @Test
  void managementAccountIsAlwaysNotApplicableAndNamed() {
    Finding m = find(run(protectedAt(organization(), ROOT).build()), "management-account");
    assertThat(m.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(m.severity()).isEqualTo(Severity.INFO);
    assertThat(m.message())
        .startsWith(
            "SCPs never restrict the management account "
                + MGMT
                + " (management), which owns organization trail org-trail (as it owns every"
                + " organization trail, even one a delegated administrator created)")
        .contains(
            "nor from calling organizations:DisableAWSServiceAccess for cloudtrail.amazonaws.com,"
                + " which only the management account can call")
        .contains("Restrict access to that account");
    assertThat(find(run(organization().build()), "management-account").status())
        .isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void actionLeftOpenOnOneOuFailsNamingTheActionAndAccounts() {
    List<String> four = ScpProtectionCheck.TRAIL_ACTIONS.subList(0, 4);
    OrganizationTree tree =
        protectedAt(organization(), SECURITY_OU)
            .scp("four", deny("Four", four, TRAIL_ARN, EXEMPT), WORKLOADS_OU)
            .build();
    Finding f = find(run(tree), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "not denied to every principal outside the break-glass list:"
                + " cloudtrail:PutInsightSelectors in 333333333333 (Root / Workloads / prod),"
                + " 444444444444 (Root / Workloads / Sandbox / sandbox)");
    assertThat(find(run(tree), "bucket-tamper-denied").message())
        .startsWith(
            "not denied to every principal outside the break-glass list: s3:DeleteBucket,"
                + " s3:DeleteBucketPolicy, s3:PutBucketPolicy, s3:PutLifecycleConfiguration,"
                + " s3:PutBucketVersioning, s3:PutBucketAcl in 333333333333");
  }

  @Test
  void overBroadExemptionFailsNamingThePattern() {
    String wide =
        ", \"Condition\": {\"ArnNotLike\": {\"aws:PrincipalARN\": [\""
            + BREAK_GLASS
            + "\", \"arn:aws:iam::*:role/*Admin*\"]}}";
    OrganizationTree tree =
        protectedAt(organization(), ROOT)
            .scp(
                "admins",
                deny("Admins", ScpProtectionCheck.BUCKET_ACTIONS, "arn:aws:s3:::" + BUCKET, wide),
                ROOT)
            .build();
    // The root's exact exemption still denies the admins: a Deny anywhere wins.
    assertThat(find(run(tree), "bucket-tamper-denied").status()).isEqualTo(Status.PASS);
    OrganizationTree onlyWide =
        organization()
            .scp(
                "admins",
                deny("Admins", ScpProtectionCheck.BUCKET_ACTIONS, "arn:aws:s3:::" + BUCKET, wide),
                ROOT)
            .build();
    Finding f = find(run(onlyWide), "bucket-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .contains(
            "Exemptions wider than the break-glass list ["
                + BREAK_GLASS
                + "]: arn:aws:iam::*:role/*Admin* (Statement[0] (Sid Admins) of SCP admins"
                + " (p-admins) on root Root (r-root))");
  }

  @Test
  void withoutABreakGlassListEveryExemptionIsTooWide() {
    Finding f =
        find(
            run(protectedAt(organization(), ROOT).build(), AuditConfig.defaults()),
            "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .contains(
            "Exemptions wider than the break-glass list (none is configured: breakGlassPrincipals): "
                + BREAK_GLASS);
    assertThat(f.remediation())
        .contains("\"aws:PrincipalARN\":[\"arn:aws:iam::<account>:role/<break-glass-role>\"]");
  }

  @Test
  void noProtectingScpFailsWithTheScpToAttach() {
    Finding f = find(run(organization().build()), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .isEqualTo(
            "not denied to every principal outside the break-glass list: cloudtrail:StopLogging,"
                + " cloudtrail:DeleteTrail, cloudtrail:UpdateTrail, cloudtrail:PutEventSelectors,"
                + " cloudtrail:PutInsightSelectors in 222222222222 (Root / Security / log-archive),"
                + " 333333333333 (Root / Workloads / prod), 444444444444 (Root / Workloads / Sandbox"
                + " / sandbox)");
    assertThat(f.remediation())
        .isEqualTo(
            "# attach to the root of organization o-exampleorg1 an SCP denying these actions to all"
                + " but the break-glass principals:\n"
                + "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name"
                + " denytrailtampering --description \"Deny changes to trail org-trail\" --content"
                + " '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"DenyTrailTampering\",\"Effect\":\"Deny\",\"Action\":[\"cloudtrail:StopLogging\",\"cloudtrail:DeleteTrail\",\"cloudtrail:UpdateTrail\",\"cloudtrail:PutEventSelectors\",\"cloudtrail:PutInsightSelectors\"],\"Resource\":\""
                + TRAIL_ARN
                + "\",\"Condition\":{\"ArnNotLike\":{\"aws:PrincipalARN\":[\""
                + BREAK_GLASS
                + "\"]}}}]}'\n"
                + "aws organizations attach-policy --policy-id <policy-id printed by create-policy>"
                + " --target-id r-root");
    assertThat(find(run(organization().build()), "key-tamper-denied").remediation())
        .contains("\"Resource\":\"" + KEY_ARN + "\"")
        .contains("\"kms:DisableKey\",\"kms:ScheduleKeyDeletion\"");
    assertThat(find(run(organization().build()), "bucket-tamper-denied").remediation())
        .contains("\"Resource\":\"arn:aws:s3:::" + BUCKET + "\"");
  }

  @Test
  void conditionOnAnotherKeyDoesNotCountAndTheFindingSaysSo() {
    OrganizationTree tree =
        organization()
            .scp(
                "mfa",
                deny(
                    "Mfa",
                    ScpProtectionCheck.TRAIL_ACTIONS,
                    "*",
                    ", \"Condition\": {\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}"),
                ROOT)
            .build();
    Finding f = find(run(tree), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .contains(
            "Not counted: Statement[0] (Sid Mfa) of SCP mfa (p-mfa) on root Root (r-root): denies"
                + " only when BoolIfExists aws:MultiFactorAuthPresent [false] holds, which cannot be"
                + " shown for every request, so it is not counted");
  }

  @Test
  void scpsNotEnabledFailEverything() {
    List<Finding> fs = run(protectedAt(organization(), ROOT).scpStatus("PENDING_DISABLE").build());
    Finding enabled = find(fs, "scp-enabled");
    assertThat(enabled.status()).isEqualTo(Status.FAIL);
    assertThat(enabled.remediation())
        .isEqualTo(
            "aws organizations enable-policy-type --root-id r-root --policy-type SERVICE_CONTROL_POLICY");
    assertThat(find(fs, "trail-tamper-denied").status()).isEqualTo(Status.FAIL);
    assertThat(find(fs, "trail-tamper-denied").message())
        .endsWith(
            "the SERVICE_CONTROL_POLICY type is not enabled on the root (see scp-protection/scp-enabled)");
    List<Finding> billing =
        run(protectedAt(organization(), ROOT).featureSet("CONSOLIDATED_BILLING").build());
    assertThat(find(billing, "scp-enabled").remediation())
        .startsWith("aws organizations enable-all-features");
  }

  @Test
  void standaloneAccountFailsWithTheReason() {
    AccountSnapshot alone = withOrganization(account(MGMT, orgTrail()), Observed.known(null));
    List<Finding> fs = check.evaluate(snapshot(Observed.known(null), alone), CONFIG);
    Finding enabled = find(fs, "scp-enabled");
    assertThat(enabled.status()).isEqualTo(Status.FAIL);
    assertThat(enabled.message())
        .isEqualTo(
            "account " + MGMT + " is in no AWS Organization, so no SCP can protect its trails");
    assertThat(enabled.remediation())
        .contains("aws organizations create-organization --feature-set ALL");
    Finding trail = find(fs, "trail-tamper-denied");
    assertThat(trail.status()).isEqualTo(Status.FAIL);
    assertThat(trail.message()).contains("no service control policy can stop its principals");
    assertThat(find(fs, "bucket-tamper-denied").status()).isEqualTo(Status.FAIL);
    assertThat(find(fs, "key-tamper-denied").status()).isEqualTo(Status.FAIL);
    assertThat(find(fs, "management-account").status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void unreadableOrganizationIsErrorNamingThePermissions() {
    Snapshot s =
        snapshot(
            Fixtures.denied("organizations", "ListPolicies"),
            account(MGMT, orgTrail()),
            account(MEMBER, orgTrail()));
    List<Finding> fs = check.evaluate(s, CONFIG);
    assertThat(fs).hasSize(5);
    for (String req :
        List.of(
            "scp-enabled", "trail-tamper-denied", "bucket-tamper-denied", "key-tamper-denied")) {
      Finding f = find(fs, req);
      assertThat(f.status()).as(req).isEqualTo(Status.ERROR);
      assertThat(f.message())
          .as(req)
          .startsWith(
              "the organization could not be read: organizations:ListPolicies failed:"
                  + " AccessDeniedException (not authorized). Reading SCPs needs"
                  + " organizations:DescribeOrganization")
          .contains("organizations:DescribePolicy and organizations:ListTargetsForPolicy");
    }
    assertThat(find(fs, "management-account").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(find(fs, "management-account").message()).contains("management account " + MGMT);
  }

  @Test
  void organizationMemberWithoutTreeIsError() {
    List<Finding> fs =
        check.evaluate(snapshot(Observed.known(null), account(MEMBER, orgTrail())), CONFIG);
    Finding f = find(fs, "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.message())
        .startsWith(
            "the accounts belong to organization o-exampleorg1 but the snapshot holds no organization tree");
  }

  @Test
  void unreadableMembershipIsError() {
    AccountSnapshot a =
        withOrganization(
            account(MEMBER, orgTrail()), Fixtures.denied("organizations", "DescribeOrganization"));
    Finding f = find(check.evaluate(snapshot(Observed.known(null), a), CONFIG), "scp-enabled");
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.message()).contains("organizations:DescribeOrganization failed");
  }

  @Test
  void trailWithoutKeyHasNoKeyToProtect() {
    Snapshot s =
        snapshot(
            Observed.known(protectedAt(organization(), ROOT).build()),
            account(MGMT, withKey(orgTrail(), null)));
    Finding f = find(check.evaluate(s, CONFIG), "key-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(f.message()).contains("see kms-encryption/sse-kms");
  }

  @Test
  void unparseableScpMakesTheVerdictError() {
    OrganizationTree tree =
        protectedAt(organization(), SECURITY_OU)
            .scp("broken", "{\"Statement\": []", WORKLOADS_OU)
            .build();
    Finding f = find(run(tree), "key-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.ERROR);
    assertThat(f.message())
        .startsWith(
            "cannot tell whether kms:DisableKey, kms:ScheduleKeyDeletion, kms:PutKeyPolicy,"
                + " kms:CreateGrant in 333333333333")
        .contains("SCP broken (p-broken) on OU Workloads (ou-root-workloads) could not be parsed");
  }

  @Test
  void breakGlassDeniedTooIsSaidInAPass() {
    OrganizationTree tree =
        organization()
            .scp("everyone", deny("All", ScpProtectionCheck.KEY_ACTIONS, "*", ""), ROOT)
            .build();
    Finding f = find(run(tree), "key-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.PASS);
    assertThat(f.message())
        .contains("The break-glass principals are denied too (" + BREAK_GLASS + " by Statement[0]")
        .endsWith("a change then needs the management account to detach the SCP");
  }

  /** The SCPs of the demo before the tamper lists grew: the old actions only. */
  @Test
  void theOldTamperListsNoLongerPassAndTheMissingActionsAreNamed() {
    OrganizationTree tree =
        organization()
            .scp(
                "bucket",
                deny(
                    "Bucket",
                    List.of("s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy"),
                    "arn:aws:s3:::" + BUCKET,
                    EXEMPT),
                ROOT)
            .scp(
                "key",
                deny("Key", List.of("kms:DisableKey", "kms:ScheduleKeyDeletion"), KEY_ARN, EXEMPT),
                ROOT)
            .build();
    Finding bucket = find(run(tree), "bucket-tamper-denied");
    assertThat(bucket.status()).isEqualTo(Status.FAIL);
    assertThat(bucket.message())
        .startsWith(
            "not denied to every principal outside the break-glass list:"
                + " s3:PutLifecycleConfiguration, s3:PutBucketVersioning, s3:PutBucketAcl in");
    assertThat(bucket.remediation())
        .contains(
            "\"Action\":[\"s3:DeleteBucket\",\"s3:DeleteBucketPolicy\",\"s3:PutBucketPolicy\","
                + "\"s3:PutLifecycleConfiguration\",\"s3:PutBucketVersioning\",\"s3:PutBucketAcl\"]");
    Finding key = find(run(tree), "key-tamper-denied");
    assertThat(key.status()).isEqualTo(Status.FAIL);
    assertThat(key.message())
        .startsWith(
            "not denied to every principal outside the break-glass list: kms:PutKeyPolicy,"
                + " kms:CreateGrant in");
    assertThat(key.remediation())
        .contains(
            "\"Action\":[\"kms:DisableKey\",\"kms:ScheduleKeyDeletion\",\"kms:PutKeyPolicy\","
                + "\"kms:CreateGrant\"]");
  }

  @Test
  void anIgnoreCaseExemptionOfExactlyTheBreakGlassRoleCounts() {
    String ignoreCase =
        ", \"Condition\": {\"StringNotEqualsIgnoreCase\": {\"aws:PrincipalArn\": \""
            + BREAK_GLASS.toLowerCase(java.util.Locale.ROOT)
            + "\"}}";
    OrganizationTree tree =
        organization()
            .scp(
                "trail",
                deny("Trail", ScpProtectionCheck.TRAIL_ACTIONS, TRAIL_ARN, ignoreCase),
                ROOT)
            .build();
    assertThat(find(run(tree), "trail-tamper-denied").status()).isEqualTo(Status.PASS);
  }

  @Test
  void anIgnoreCaseExemptionOfAnotherRoleFails() {
    String other =
        ", \"Condition\": {\"StringNotEqualsIgnoreCase\": {\"aws:PrincipalArn\":"
            + " \"arn:aws:iam::"
            + MEMBER
            + ":role/Deployer\"}}";
    OrganizationTree tree =
        organization()
            .scp("trail", deny("Trail", ScpProtectionCheck.TRAIL_ACTIONS, TRAIL_ARN, other), ROOT)
            .build();
    Finding f = find(run(tree), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).contains("arn:aws:iam::" + MEMBER + ":role/Deployer (Statement[0]");
  }

  @Test
  void anOperatorIamDoesNotHaveIsNeverAnExemption() {
    String invented =
        ", \"Condition\": {\"ArnNotEqualsIgnoreCase\": {\"aws:PrincipalArn\": \""
            + BREAK_GLASS
            + "\"}}";
    OrganizationTree tree =
        organization()
            .scp(
                "trail", deny("Trail", ScpProtectionCheck.TRAIL_ACTIONS, TRAIL_ARN, invented), ROOT)
            .build();
    Finding f = find(run(tree), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message()).contains("ArnNotEqualsIgnoreCase aws:PrincipalArn");
  }

  @Test
  void aRoleIdExemptionThatCannotBeResolvedFailsSayingSo() {
    String byRoleId =
        ", \"Condition\": {\"StringNotLike\": {\"aws:userid\": \"AROAEXAMPLEBREAKGLASS:*\"}}";
    OrganizationTree tree =
        organization()
            .scp(
                "trail", deny("Trail", ScpProtectionCheck.TRAIL_ACTIONS, TRAIL_ARN, byRoleId), ROOT)
            .build();
    Finding f = find(run(tree), "trail-tamper-denied");
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.message())
        .contains(
            "AROAEXAMPLEBREAKGLASS:* (aws:userid AROAEXAMPLEBREAKGLASS:* cannot match to a"
                + " break-glass ARN: the principal with unique id AROAEXAMPLEBREAKGLASS is not"
                + " known)");
  }
}
