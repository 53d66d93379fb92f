package io.trailaudit.checks.logbucket;

import static io.trailaudit.testing.Fixtures.BUCKET;
import static io.trailaudit.testing.Fixtures.KEY_ARN;
import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.ORG_ID;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.allOn;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.withBucket;
import static io.trailaudit.testing.Fixtures.withPublicAccessBlock;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.Bucket.BucketAcl;
import io.trailaudit.model.Bucket.BucketEncryption;
import io.trailaudit.model.Bucket.BucketLogging;
import io.trailaudit.model.Bucket.BucketVersioning;
import io.trailaudit.model.Bucket.Grant;
import io.trailaudit.model.Bucket.ObjectLockConfiguration;
import io.trailaudit.model.Bucket.Retention;
import io.trailaudit.model.Observed;
import io.trailaudit.model.PublicAccessBlock;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Check 4, {@code log-bucket} (CHECKS.md section 4): a fully hardened bucket passes all nine
 * requirements; every other test changes one thing.
 */
class LogBucketCheckTest {
  private static final String NOT_PUBLIC = "not-public";
  private static final String BPA = "block-public-access";
  private static final String VERSIONING = "versioning";
  private static final String MFA_DELETE = "mfa-delete";
  private static final String OBJECT_LOCK = "object-lock";
  private static final String ACCESS_LOGGING = "access-logging";
  private static final String TLS_ONLY = "tls-only";
  private static final String DENY_DELETE = "deny-delete";
  private static final String DEDICATED = "dedicated";
  private static final String LIFECYCLE = "lifecycle-retention";
  private static final List<String> REQUIREMENTS =
      List.of(
          NOT_PUBLIC,
          BPA,
          VERSIONING,
          MFA_DELETE,
          OBJECT_LOCK,
          ACCESS_LOGGING,
          TLS_ONLY,
          DENY_DELETE,
          DEDICATED,
          LIFECYCLE);

  private static final String US = "us-east-1";
  private static final String EU = "eu-west-1";

  /** The log bucket lives in the member (log-archive) account, in another region than the trail. */
  private static final String BUCKET_REGION = EU;

  private static final String BUCKET_ARN = "arn:aws:s3:::" + BUCKET;
  private static final String ACCESS_LOGS = "access-logs-" + MEMBER;
  private static final String OWNER_ID =
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
  private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  private static final String AUTHENTICATED_USERS =
      "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
  private static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

  /**
   * Deliberately not the check's placeholder ({@code role/BreakGlass}), so remediations tell them
   * apart.
   */
  private static final String BREAK_GLASS = "arn:aws:iam::" + MEMBER + ":role/LogBreakGlass";

  private static final AuditConfig CONFIG =
      AuditConfig.builder().breakGlassPrincipals(List.of(BREAK_GLASS)).build();
  private static final AuditConfig NO_BREAK_GLASS = AuditConfig.defaults();

  // ---------------------------------------------------------------- policy statements

  /** CloudTrail user guide: "AWSCloudTrailAclCheck", with aws:SourceArn. */
  private static final String ACL_CHECK =
      """
      {
        "Sid": "AWSCloudTrailAclCheck",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:GetBucketAcl",
        "Resource": "arn:aws:s3:::%1$s",
        "Condition": {"StringEquals": {"aws:SourceArn": "%2$s"}}
      }"""
          .formatted(BUCKET, TRAIL_ARN);

  /** CloudTrail user guide: "AWSCloudTrailWrite" for an organization trail, with aws:SourceArn. */
  private static final String WRITE =
      """
      {
        "Sid": "AWSCloudTrailWrite",
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": ["arn:aws:s3:::%1$s/AWSLogs/%3$s/*", "arn:aws:s3:::%1$s/AWSLogs/%4$s/*"],
        "Condition": {
          "StringEquals": {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceArn": "%2$s"
          }
        }
      }"""
          .formatted(BUCKET, TRAIL_ARN, MGMT, ORG_ID);

  private static final String DENY_INSECURE =
      denyInsecureTransport(
          "\"s3:*\"", "[\"arn:aws:s3:::" + BUCKET + "\", \"arn:aws:s3:::" + BUCKET + "/*\"]");

  private static final String DENY_DELETION =
      denyDeletion(
          "[\"s3:DeleteObject\", \"s3:DeleteObjectVersion\"]",
          "{\"ArnNotLike\": {\"aws:PrincipalArn\": \"" + BREAK_GLASS + "\"}}");

  private static final String HARDENED_POLICY =
      policy(ACL_CHECK, WRITE, DENY_INSECURE, DENY_DELETION);

  private static String denyInsecureTransport(String actions, String resources) {
    return """
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": %s,
          "Resource": %s,
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }"""
        .formatted(actions, resources);
  }

  /**
   * The DenyLogDeletion statement with {@code actions}, and {@code condition} (JSON) unless null.
   */
  private static String denyDeletion(String actions, String condition) {
    return """
        {
          "Sid": "DenyLogDeletion",
          "Effect": "Deny",
          "Principal": "*",
          "Action": %s,
          "Resource": "arn:aws:s3:::%s/*"%s
        }"""
        .formatted(actions, BUCKET, condition == null ? "" : ",\n  \"Condition\": " + condition);
  }

  private static String policy(String... statements) {
    return "{\n\"Version\": \"2012-10-17\",\n\"Statement\": [\n"
        + String.join(",\n", statements)
        + "\n]\n}";
  }

  /**
   * The hardened policy with its statement {@code index} (0 AclCheck, 1 Write, 2 TLS, 3 deletion)
   * replaced.
   */
  private static String hardenedPolicyWith(int index, String statement) {
    List<String> s = new ArrayList<>(List.of(ACL_CHECK, WRITE, DENY_INSECURE, DENY_DELETION));
    s.set(index, statement);
    return policy(s.toArray(String[]::new));
  }

  private static String hardenedPolicyPlus(String statement) {
    return policy(ACL_CHECK, WRITE, DENY_INSECURE, DENY_DELETION, statement);
  }

  private static String hardenedPolicyWithout(int index) {
    List<String> s = new ArrayList<>(List.of(ACL_CHECK, WRITE, DENY_INSECURE, DENY_DELETION));
    s.remove(index);
    return policy(s.toArray(String[]::new));
  }

  // ---------------------------------------------------------------- bucket builder

  /** A mutable copy of a {@link Bucket}: set what a test changes, then {@link #build()}. */
  private static final class BucketSpec {
    String name = BUCKET;
    String accountId = MEMBER;
    Observed<String> region = Observed.known(BUCKET_REGION);
    Observed<String> policy = Observed.known(HARDENED_POLICY);
    Observed<Boolean> policyIsPublic = Observed.known(false);
    Observed<BucketAcl> acl = Observed.known(new BucketAcl(OWNER_ID, List.of(ownerGrant())));
    Observed<PublicAccessBlock> publicAccessBlock = Observed.known(allOn());
    Observed<BucketVersioning> versioning =
        Observed.known(new BucketVersioning("Enabled", "Enabled"));
    Observed<ObjectLockConfiguration> objectLock =
        Observed.known(
            new ObjectLockConfiguration("Enabled", new Retention("COMPLIANCE", 365, null)));
    Observed<BucketLogging> logging = Observed.known(new BucketLogging(ACCESS_LOGS, BUCKET + "/"));
    Observed<BucketEncryption> encryption =
        Observed.known(new BucketEncryption("aws:kms", KEY_ARN, true));
    Observed<List<String>> topLevelEntries = Observed.known(List.of("AWSLogs/"));
    Observed<List<Bucket.LifecycleRule>> lifecycleRules = Observed.known(List.of());

    static BucketSpec of(Bucket b) {
      BucketSpec s = new BucketSpec();
      s.name = b.name();
      s.accountId = b.accountId();
      s.region = b.region();
      s.policy = b.policy();
      s.policyIsPublic = b.policyIsPublic();
      s.acl = b.acl();
      s.publicAccessBlock = b.publicAccessBlock();
      s.versioning = b.versioning();
      s.objectLock = b.objectLock();
      s.logging = b.logging();
      s.encryption = b.encryption();
      s.topLevelEntries = b.topLevelEntries();
      s.lifecycleRules = b.lifecycleRules();
      return s;
    }

    Bucket build() {
      return new Bucket(
          name,
          accountId,
          region,
          policy,
          policyIsPublic,
          acl,
          publicAccessBlock,
          versioning,
          objectLock,
          logging,
          encryption,
          topLevelEntries,
          lifecycleRules);
    }
  }

  private static Grant ownerGrant() {
    return new Grant("CanonicalUser", OWNER_ID, null, "FULL_CONTROL");
  }

  /** The fully hardened bucket: every requirement passes. */
  private static Bucket hardenedBucket() {
    return new BucketSpec().build();
  }

  /** A copy of {@code b} with {@code change} applied. */
  private static Bucket with(Bucket b, Consumer<BucketSpec> change) {
    BucketSpec s = BucketSpec.of(b);
    change.accept(s);
    return s.build();
  }

  /** The hardened bucket with {@code change} applied. */
  private static Bucket hardened(Consumer<BucketSpec> change) {
    return with(hardenedBucket(), change);
  }

  private static Bucket withPolicy(String json) {
    return hardened(b -> b.policy = Observed.known(json));
  }

  private static Bucket withGrant(String groupUri, String permission) {
    return hardened(
        b ->
            b.acl =
                Observed.known(
                    new BucketAcl(
                        OWNER_ID,
                        List.of(ownerGrant(), new Grant("Group", null, groupUri, permission)))));
  }

  private static <T> Observed<T> s3Denied(String operation) {
    return Observed.unavailable("s3", operation, "AccessDenied", "Access Denied");
  }

  // ---------------------------------------------------------------- running and asserting

  /** The organization trail of the management account writing to the member account's bucket. */
  private static List<Finding> run(Bucket bucket) {
    return run(bucket, CONFIG);
  }

  private static List<Finding> run(Bucket bucket, AuditConfig config) {
    return run(
        snapshot(List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(bucket), List.of()),
        config);
  }

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new LogBucketCheck().evaluate(s, config);
  }

  /**
   * The one finding of {@code requirement}: its status, rule id, the bucket as resource in the
   * bucket's account and region, and a remediation naming the bucket exactly when it is a FAIL.
   */
  private static Finding finding(List<Finding> fs, String requirement, Status status) {
    return finding(fs, requirement, status, MEMBER, BUCKET_REGION);
  }

  private static Finding finding(
      List<Finding> fs, String requirement, Status status, String account, String region) {
    String ruleId = "log-bucket/" + requirement;
    List<Finding> matching = fs.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    assertThat(matching).as("%s findings in %s", ruleId, fs).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("log-bucket");
    assertThat(f.requirement()).isEqualTo(requirement);
    assertThat(f.resourceArn()).isEqualTo(BUCKET_ARN);
    assertThat(f.account()).isEqualTo(account);
    assertThat(f.region()).isEqualTo(region);
    if (status == Status.FAIL) {
      assertThat(f.remediation()).as("remediation of %s", ruleId).contains(BUCKET);
    } else {
      assertThat(f.remediation()).as("remediation of %s", ruleId).isNull();
    }
    return f;
  }

  private static Finding evaluate(Bucket bucket, String requirement, Status status) {
    return finding(run(bucket), requirement, status);
  }

  private static Finding evaluate(
      Bucket bucket, AuditConfig config, String requirement, Status status) {
    return finding(run(bucket, config), requirement, status);
  }

  private static Map<String, Status> statuses(List<Finding> fs) {
    return fs.stream().collect(Collectors.toMap(Finding::requirement, Finding::status));
  }

  // ---------------------------------------------------------------- hardened baseline

  @Test
  void hardenedBucketPassesEveryRequirement() {
    List<Finding> fs = run(hardenedBucket());

    assertThat(fs).extracting(Finding::requirement).containsExactlyElementsOf(REQUIREMENTS);
    for (String r : REQUIREMENTS) {
      finding(fs, r, Status.PASS);
    }
    Map<String, Severity> severities =
        fs.stream().collect(Collectors.toMap(Finding::requirement, Finding::severity));
    assertThat(severities)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                NOT_PUBLIC,
                Severity.CRITICAL,
                BPA,
                Severity.CRITICAL,
                VERSIONING,
                Severity.CRITICAL,
                MFA_DELETE,
                Severity.MEDIUM,
                OBJECT_LOCK,
                Severity.MEDIUM,
                ACCESS_LOGGING,
                Severity.MEDIUM,
                TLS_ONLY,
                Severity.CRITICAL,
                DENY_DELETE,
                Severity.CRITICAL,
                DEDICATED,
                Severity.LOW,
                LIFECYCLE,
                Severity.HIGH));
  }

  // ---------------------------------------------------------------- not-public

  @Nested
  class NotPublic {
    @Test
    void passesWithPrivateAclAndRestrictedPolicy() {
      Finding f = evaluate(hardenedBucket(), NOT_PUBLIC, Status.PASS);
      assertThat(f.message())
          .isEqualTo(
              "no ACL grant to AllUsers or AuthenticatedUsers and no Allow to * in the bucket"
                  + " policy without a condition pinning the caller to fixed values");
    }

    @Test
    void passesWithALogDeliveryGrant() {
      evaluate(withGrant(LOG_DELIVERY, "WRITE"), NOT_PUBLIC, Status.PASS);
    }

    @Test
    void failsForAnAclGrantToAllUsers() {
      Finding f = evaluate(withGrant(ALL_USERS, "READ"), NOT_PUBLIC, Status.FAIL);
      assertThat(f.message())
          .isEqualTo("bucket " + BUCKET + " is public: ACL grants READ to AllUsers");
      assertThat(f.remediation())
          .contains("aws s3api put-bucket-acl --bucket " + BUCKET + " --acl private")
          .contains("put-public-access-block --bucket " + BUCKET)
          .contains("ACL grants READ to AllUsers");
    }

    @Test
    void failsForAnAclGrantToAuthenticatedUsers() {
      Finding f = evaluate(withGrant(AUTHENTICATED_USERS, "WRITE_ACP"), NOT_PUBLIC, Status.FAIL);
      assertThat(f.message()).contains("ACL grants WRITE_ACP to AuthenticatedUsers");
    }

    @Test
    void failsForAnAllowToEveryoneWithoutCondition() {
      String publicRead =
          """
          {
            "Sid": "PublicRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::%s/*"
          }"""
              .formatted(BUCKET);
      Finding f = evaluate(withPolicy(hardenedPolicyPlus(publicRead)), NOT_PUBLIC, Status.FAIL);
      assertThat(f.message())
          .startsWith("bucket " + BUCKET + " is public: ")
          .contains("Statement[4] (Sid PublicRead)")
          .contains("to every principal (\"*\") with no condition")
          .doesNotContain("AWSCloudTrail");
      assertThat(f.remediation()).contains("Statement[4] (Sid PublicRead)");
    }

    @Test
    void failsForAnAllowToEveryoneWhoseConditionDoesNotRestrictTheCaller() {
      String conditioned =
          """
          {
            "Sid": "AnyoneWithAcl",
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::%s/*",
            "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}
          }"""
              .formatted(BUCKET);
      Finding f = evaluate(withPolicy(hardenedPolicyPlus(conditioned)), NOT_PUBLIC, Status.FAIL);
      assertThat(f.message())
          .contains("Statement[4] (Sid AnyoneWithAcl)")
          .contains("no condition pins the caller to fixed values")
          .contains("s3:x-amz-acl does not identify the caller");
    }

    @Test
    void failsWhenS3ReportsThePolicyAsPublic() {
      Finding f =
          evaluate(hardened(b -> b.policyIsPublic = Observed.known(true)), NOT_PUBLIC, Status.FAIL);
      assertThat(f.message()).contains("GetBucketPolicyStatus IsPublic=true");
    }

    @Test
    void passesForAnAllowToEveryoneRestrictedByPrincipalOrgId() {
      String orgRead =
          """
          {
            "Sid": "OrgRead",
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::%1$s", "arn:aws:s3:::%1$s/*"],
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "%2$s"}}
          }"""
              .formatted(BUCKET, ORG_ID);
      evaluate(withPolicy(hardenedPolicyPlus(orgRead)), NOT_PUBLIC, Status.PASS);
    }

    @Test
    void passesWithoutAPolicy() {
      Finding f =
          evaluate(
              hardened(
                  b -> {
                    b.policy = Observed.known(null);
                    b.policyIsPublic = Observed.known(null);
                  }),
              NOT_PUBLIC,
              Status.PASS);
      assertThat(f.message()).endsWith("and no bucket policy");
    }

    @Test
    void errorWhenTheAclIsUnavailable() {
      Finding f =
          evaluate(hardened(b -> b.acl = s3Denied("GetBucketAcl")), NOT_PUBLIC, Status.ERROR);
      assertThat(f.message())
          .isEqualTo(
              "bucket "
                  + BUCKET
                  + " (account "
                  + MEMBER
                  + ") could not be read:"
                  + " s3:GetBucketAcl failed: AccessDenied (Access Denied)");
    }

    private String everyoneReads(String condition) {
      return """
          {
            "Sid": "Readers",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::%s/*",
            "Condition": {%s}
          }"""
          .formatted(BUCKET, condition);
    }

    @Test
    void failsForAnAllowToEveryonePinnedOnlyByWildcardValues() {
      for (String condition :
          List.of(
              "\"StringLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*\"}",
              "\"StringLike\": {\"aws:PrincipalAccount\": \"????????????\"}",
              "\"StringLike\": {\"aws:PrincipalOrgID\": \"o-*\"}")) {
        Finding f =
            evaluate(
                withPolicy(hardenedPolicyPlus(everyoneReads(condition))), NOT_PUBLIC, Status.FAIL);
        assertThat(f.message())
            .contains("Statement[4] (Sid Readers)")
            .contains("is not a fixed value");
      }
    }

    @Test
    void failsForAnAllowToEveryonePinnedByUserName() {
      Finding f =
          evaluate(
              withPolicy(
                  hardenedPolicyPlus(
                      everyoneReads("\"StringEquals\": {\"aws:username\": \"log-reader\"}"))),
              NOT_PUBLIC,
              Status.FAIL);
      assertThat(f.message()).contains("any account can create a user of that name");
    }

    @Test
    void failsForSourceIpRangesCoveringEveryIpv4Address() {
      Finding f =
          evaluate(
              withPolicy(
                  hardenedPolicyPlus(
                      everyoneReads(
                          "\"IpAddress\": {\"aws:SourceIp\": [\"0.0.0.0/1\", \"128.0.0.0/1\"]}"))),
              NOT_PUBLIC,
              Status.FAIL);
      assertThat(f.message()).contains("together cover every IPv4 address");
    }

    @Test
    void passesForAnAllowToEveryoneFromOneNetwork() {
      evaluate(
          withPolicy(
              hardenedPolicyPlus(
                  everyoneReads("\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}"))),
          NOT_PUBLIC,
          Status.PASS);
    }

    @Test
    void errorWhenThePolicyStatusIsUnavailableAndAConditionDecides() {
      Bucket b =
          withPolicy(
              hardenedPolicyPlus(
                  everyoneReads("\"StringEquals\": {\"aws:PrincipalOrgID\": \"" + ORG_ID + "\"}")));
      Bucket unread = with(b, x -> x.policyIsPublic = s3Denied("GetBucketPolicyStatus"));
      Finding f = evaluate(unread, NOT_PUBLIC, Status.ERROR);
      assertThat(f.message())
          .contains(
              "S3's GetBucketPolicyStatus could not be read (s3:GetBucketPolicyStatus failed:")
          .contains("Statement[4] (Sid Readers) allow * under a condition")
          .contains("which S3 has not confirmed");
    }

    @Test
    void passesSayingSoWhenThePolicyStatusIsUnavailableButNoConditionDecides() {
      Finding f =
          evaluate(
              hardened(b -> b.policyIsPublic = s3Denied("GetBucketPolicyStatus")),
              NOT_PUBLIC,
              Status.PASS);
      assertThat(f.message()).contains("(S3's GetBucketPolicyStatus could not be read (");
    }

    @Test
    void failsSayingSoWhenThePolicyStatusIsUnavailableAndThePolicyIsPublic() {
      Finding f =
          evaluate(
              withPolicy(
                  hardenedPolicyPlus(everyoneReads("\"Bool\": {\"aws:SecureTransport\": true}"))),
              NOT_PUBLIC,
              Status.FAIL);
      assertThat(f.message()).doesNotContain("GetBucketPolicyStatus");
      Bucket b =
          withPolicy(
              hardenedPolicyPlus(everyoneReads("\"Bool\": {\"aws:SecureTransport\": true}")));
      Finding unread =
          evaluate(
              with(b, x -> x.policyIsPublic = s3Denied("GetBucketPolicyStatus")),
              NOT_PUBLIC,
              Status.FAIL);
      assertThat(unread.message()).contains("S3's GetBucketPolicyStatus could not be read");
    }

    @Test
    void errorWhenThePolicyIsUnavailable() {
      Finding f =
          evaluate(hardened(b -> b.policy = s3Denied("GetBucketPolicy")), NOT_PUBLIC, Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketPolicy failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- block-public-access

  @Nested
  class BlockPublicAccess {
    private Finding evaluateWith(
        Bucket bucket, Observed<PublicAccessBlock> accountLevel, Status status) {
      AccountSnapshot member = withPublicAccessBlock(account(MEMBER), accountLevel);
      Snapshot s = snapshot(List.of(account(MGMT, orgTrail()), member), List.of(bucket), List.of());
      return finding(run(s, CONFIG), BPA, status);
    }

    private Bucket bucketLevel(Observed<PublicAccessBlock> pab) {
      return hardened(b -> b.publicAccessBlock = pab);
    }

    @Test
    void passesAtBucketLevel() {
      Finding f = evaluateWith(hardenedBucket(), Observed.known(null), Status.PASS);
      assertThat(f.message())
          .isEqualTo("all four Block Public Access settings are on for the bucket");
    }

    @Test
    void passesAtAccountLevel() {
      Finding f =
          evaluateWith(bucketLevel(Observed.known(null)), Observed.known(allOn()), Status.PASS);
      assertThat(f.message())
          .isEqualTo("all four Block Public Access settings are on for account " + MEMBER);
    }

    @Test
    void passesAtAccountLevelWhenTheBucketLevelIsUnavailable() {
      evaluateWith(
          bucketLevel(s3Denied("GetPublicAccessBlock")), Observed.known(allOn()), Status.PASS);
    }

    @Test
    void passesWhenTheTwoLevelsTogetherSetEveryFlag() {
      Bucket b = bucketLevel(Observed.known(new PublicAccessBlock(true, true, false, false)));
      Finding f =
          evaluateWith(
              b, Observed.known(new PublicAccessBlock(false, true, true, true)), Status.PASS);
      assertThat(f.message())
          .contains(
              "combining the bucket (BlockPublicPolicy, RestrictPublicBuckets off)"
                  + " and account "
                  + MEMBER
                  + " (BlockPublicAcls off) levels");
    }

    @Test
    void failsListingTheFlagsThatAreOffAtBothLevels() {
      Bucket b = bucketLevel(Observed.known(new PublicAccessBlock(true, true, false, false)));
      Finding f =
          evaluateWith(
              b, Observed.known(new PublicAccessBlock(true, false, true, false)), Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "Block Public Access is incomplete: RestrictPublicBuckets off at both"
                  + " the bucket and the account level");
      assertThat(f.remediation())
          .isEqualTo(
              "aws s3api put-public-access-block --bucket "
                  + BUCKET
                  + " --public-access-block-configuration"
                  + " BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
    }

    @Test
    void failsWhenConfiguredNowhere() {
      Finding f =
          evaluateWith(bucketLevel(Observed.known(null)), Observed.known(null), Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "Block Public Access is incomplete: BlockPublicAcls, IgnorePublicAcls,"
                  + " BlockPublicPolicy, RestrictPublicBuckets off at both the bucket and the account level");
    }

    @Test
    void errorWhenTheBucketLevelIsUnavailableAndTheAccountLevelDoesNotPass() {
      Finding f =
          evaluateWith(
              bucketLevel(s3Denied("GetPublicAccessBlock")),
              Observed.known(new PublicAccessBlock(true, true, true, false)),
              Status.ERROR);
      assertThat(f.message())
          .contains("bucket " + BUCKET + " (account " + MEMBER + ") could not be read")
          .contains("s3:GetPublicAccessBlock failed: AccessDenied");
    }

    @Test
    void errorWhenTheBucketLevelIsIncompleteAndTheAccountLevelIsUnavailable() {
      Bucket b = bucketLevel(Observed.known(new PublicAccessBlock(false, true, true, true)));
      Finding f = evaluateWith(b, denied("s3control", "GetPublicAccessBlock"), Status.ERROR);
      assertThat(f.message())
          .contains("Block Public Access is incomplete (BlockPublicAcls off)")
          .contains(
              "the account level of account "
                  + MEMBER
                  + " could not be read:"
                  + " s3control:GetPublicAccessBlock failed: AccessDeniedException")
          .doesNotContain("--log-archive-role");
    }

    @Test
    void errorNamingTheAccountWhenTheBucketLevelIsIncompleteAndTheBucketAccountIsNotAudited() {
      Bucket b = bucketLevel(Observed.known(new PublicAccessBlock(false, true, true, true)));
      Snapshot s = snapshot(List.of(account(MGMT, orgTrail())), List.of(b), List.of());
      Finding f = finding(run(s, CONFIG), BPA, Status.ERROR);
      assertThat(f.message())
          .contains("BlockPublicAcls off")
          .contains("account " + MEMBER)
          .contains("--log-archive-role arn:aws:iam::" + MEMBER + ":role/");
    }
  }

  // ---------------------------------------------------------------- versioning and mfa-delete

  private static Bucket versioning(String status, String mfaDelete) {
    return hardened(b -> b.versioning = Observed.known(new BucketVersioning(status, mfaDelete)));
  }

  @Nested
  class Versioning {
    @Test
    void passesWhenEnabled() {
      assertThat(evaluate(hardenedBucket(), VERSIONING, Status.PASS).message())
          .isEqualTo("versioning is Enabled");
    }

    @Test
    void failsWhenSuspended() {
      Finding f = evaluate(versioning("Suspended", "Disabled"), VERSIONING, Status.FAIL);
      assertThat(f.message()).startsWith("versioning is Suspended:");
      assertThat(f.remediation())
          .isEqualTo(
              "aws s3api put-bucket-versioning --bucket "
                  + BUCKET
                  + " --versioning-configuration Status=Enabled");
    }

    @Test
    void failsWhenNeverEnabled() {
      assertThat(evaluate(versioning(null, null), VERSIONING, Status.FAIL).message())
          .startsWith("versioning is not enabled:");
    }

    @Test
    void errorWhenUnavailable() {
      Finding f =
          evaluate(
              hardened(b -> b.versioning = s3Denied("GetBucketVersioning")),
              VERSIONING,
              Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketVersioning failed: AccessDenied");
    }
  }

  @Nested
  class MfaDelete {
    @Test
    void passesWhenEnabled() {
      assertThat(evaluate(hardenedBucket(), MFA_DELETE, Status.PASS).message())
          .isEqualTo("MFA delete is Enabled");
    }

    @Test
    void failsWhenDisabled() {
      Finding f = evaluate(versioning("Enabled", "Disabled"), MFA_DELETE, Status.FAIL);
      assertThat(f.message()).startsWith("MFA delete is Disabled:");
      assertThat(f.remediation())
          .contains("root user of account " + MEMBER)
          .contains(
              "put-bucket-versioning --bucket "
                  + BUCKET
                  + " --versioning-configuration Status=Enabled,MFADelete=Enabled")
          .contains("arn:aws:iam::" + MEMBER + ":mfa/root-account-mfa-device");
    }

    @Test
    void failsWhenNeverConfigured() {
      assertThat(evaluate(versioning("Enabled", null), MFA_DELETE, Status.FAIL).message())
          .startsWith("MFA delete is not configured:");
    }

    @Test
    void errorWhenVersioningIsUnavailable() {
      Finding f =
          evaluate(
              hardened(b -> b.versioning = s3Denied("GetBucketVersioning")),
              MFA_DELETE,
              Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketVersioning failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- object-lock

  @Nested
  class ObjectLock {
    @Test
    void passesWhenEnabledWithADefaultRetention() {
      assertThat(evaluate(hardenedBucket(), OBJECT_LOCK, Status.PASS).message())
          .isEqualTo(
              "Object Lock is enabled with default retention COMPLIANCE 365 days, at least 365"
                  + " days");
    }

    @Test
    void failsWhenTheDefaultRetentionIsShorterThanTheMinimum() {
      Bucket b =
          hardened(
              s ->
                  s.objectLock =
                      Observed.known(
                          new ObjectLockConfiguration(
                              "Enabled", new Retention("GOVERNANCE", 30, null))));
      Finding f = evaluate(b, OBJECT_LOCK, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "Object Lock's default retention GOVERNANCE 30 days is shorter than the 365 days"
                  + " log files must be kept (logBucket.minRetentionDays)");
      assertThat(f.remediation()).contains("\"Mode\":\"GOVERNANCE\",\"Days\":365");
    }

    @Test
    void yearsCountAs365DaysAndTheMinimumIsConfigurable() {
      Bucket b =
          hardened(
              s ->
                  s.objectLock =
                      Observed.known(
                          new ObjectLockConfiguration(
                              "Enabled", new Retention("COMPLIANCE", null, 1))));
      evaluate(b, OBJECT_LOCK, Status.PASS);
      AuditConfig twoYears =
          AuditConfig.builder()
              .breakGlassPrincipals(List.of(BREAK_GLASS))
              .logBucket(new AuditConfig.LogBucket(730))
              .build();
      Finding f = evaluate(b, twoYears, OBJECT_LOCK, Status.FAIL);
      assertThat(f.message()).contains("COMPLIANCE 1 year is shorter than the 730 days");
    }

    @Test
    void failsWhenEnabledWithoutADefaultRetention() {
      Bucket b =
          hardened(
              s -> s.objectLock = Observed.known(new ObjectLockConfiguration("Enabled", null)));
      Finding f = evaluate(b, OBJECT_LOCK, Status.FAIL);
      assertThat(f.message()).contains("enabled but has no default retention");
      assertThat(f.remediation())
          .startsWith("aws s3api put-object-lock-configuration --bucket " + BUCKET + " ")
          .contains("\"DefaultRetention\"");
    }

    @Test
    void failsWhenNotEnabled() {
      Finding f =
          evaluate(hardened(s -> s.objectLock = Observed.known(null)), OBJECT_LOCK, Status.FAIL);
      assertThat(f.message()).isEqualTo("Object Lock is not enabled");
    }

    @Test
    void errorWhenUnavailable() {
      Finding f =
          evaluate(
              hardened(s -> s.objectLock = s3Denied("GetObjectLockConfiguration")),
              OBJECT_LOCK,
              Status.ERROR);
      assertThat(f.message()).contains("s3:GetObjectLockConfiguration failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- lifecycle-retention

  @Nested
  class LifecycleRetention {
    private Bucket.LifecycleRule rule(
        String status, String prefix, Integer expirationDays, Integer noncurrentDays) {
      return new Bucket.LifecycleRule(
          "r1",
          status,
          prefix,
          Map.of(),
          null,
          null,
          expirationDays,
          null,
          null,
          noncurrentDays,
          null,
          null,
          List.of());
    }

    private Bucket withRules(Bucket.LifecycleRule... rules) {
      return hardened(s -> s.lifecycleRules = Observed.known(List.of(rules)));
    }

    @Test
    void passesWithoutLifecycleRules() {
      assertThat(evaluate(hardenedBucket(), LIFECYCLE, Status.PASS).message())
          .contains("no lifecycle rules (NoSuchLifecycleConfiguration)");
    }

    @Test
    void failsWhenAnExpirationOfTheLogPrefixIsShorterThanTheMinimum() {
      Finding f =
          evaluate(withRules(rule("Enabled", "AWSLogs/", 90, null)), LIFECYCLE, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "lifecycle rules delete log files sooner than the 365 days they must be kept"
                  + " (logBucket.minRetentionDays): rule r1 (prefix AWSLogs/) expires current"
                  + " versions after 90 days");
      assertThat(f.remediation()).contains("put-bucket-lifecycle-configuration --bucket " + BUCKET);
    }

    @Test
    void failsForANoncurrentExpirationOfTheWholeBucket() {
      Finding f = evaluate(withRules(rule("Enabled", "", null, 30)), LIFECYCLE, Status.FAIL);
      assertThat(f.message())
          .contains("rule r1 (whole bucket) deletes noncurrent versions 30 days after");
    }

    @Test
    void failsForAPrefixInsideTheLogs() {
      // Only one account's digests, still log-integrity evidence deleted early.
      Finding f =
          evaluate(
              withRules(rule("Enabled", "AWSLogs/" + MGMT + "/CloudTrail-Digest/", 7, null)),
              LIFECYCLE,
              Status.FAIL);
      assertThat(f.message()).contains("expires current versions after 7 days");
    }

    @Test
    void failsForAnExpirationDate() {
      Bucket.LifecycleRule dated =
          new Bucket.LifecycleRule(
              "cutoff",
              "Enabled",
              null,
              Map.of(),
              null,
              null,
              null,
              "2027-01-01T00:00:00Z",
              null,
              null,
              null,
              null,
              List.of());
      assertThat(evaluate(withRules(dated), LIFECYCLE, Status.FAIL).message())
          .contains("rule cutoff (whole bucket) expires every current version from 2027-01-01");
    }

    @Test
    void passesForDisabledRulesOtherPrefixesTagFiltersAndLongRetention() {
      Bucket.LifecycleRule tagged =
          new Bucket.LifecycleRule(
              "tagged",
              "Enabled",
              "AWSLogs/",
              Map.of("temporary", "true"),
              null,
              null,
              1,
              null,
              null,
              null,
              null,
              null,
              List.of());
      Bucket.LifecycleRule housekeeping =
          new Bucket.LifecycleRule(
              "housekeeping",
              "Enabled",
              "AWSLogs/",
              Map.of(),
              null,
              null,
              400,
              null,
              true,
              null,
              null,
              7,
              List.of("GLACIER after 90 days"));
      Finding f =
          evaluate(
              withRules(
                  rule("Disabled", "AWSLogs/", 1, 1),
                  rule("Enabled", "tmp/", 1, 1),
                  tagged,
                  housekeeping),
              LIFECYCLE,
              Status.PASS);
      assertThat(f.message())
          .contains("rule r1 is Disabled")
          .contains("rule r1 applies to tmp/ only, not to AWSLogs/")
          .contains("CloudTrail writes log files untagged")
          .contains("rule housekeeping expires current versions after 400 days")
          .contains("aborts incomplete uploads after 7 days")
          .contains("transitions GLACIER after 90 days");
    }

    @Test
    void theMinimumIsConfigurable() {
      Bucket b = withRules(rule("Enabled", "AWSLogs/", 400, null));
      evaluate(b, LIFECYCLE, Status.PASS);
      evaluate(
          b,
          AuditConfig.builder()
              .breakGlassPrincipals(List.of(BREAK_GLASS))
              .logBucket(new AuditConfig.LogBucket(2557))
              .build(),
          LIFECYCLE,
          Status.FAIL);
    }

    @Test
    void errorWhenUnavailable() {
      Finding f =
          evaluate(
              hardened(s -> s.lifecycleRules = s3Denied("GetBucketLifecycleConfiguration")),
              LIFECYCLE,
              Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketLifecycleConfiguration failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- access-logging

  @Nested
  class AccessLogging {
    @Test
    void passesWhenLoggingToAnotherBucket() {
      assertThat(evaluate(hardenedBucket(), ACCESS_LOGGING, Status.PASS).message())
          .isEqualTo("server access logs go to s3://" + ACCESS_LOGS + "/" + BUCKET + "/");
    }

    @Test
    void failsWhenOff() {
      Finding f =
          evaluate(hardened(b -> b.logging = Observed.known(null)), ACCESS_LOGGING, Status.FAIL);
      assertThat(f.message()).isEqualTo("server access logging is off");
      assertThat(f.remediation())
          .startsWith("aws s3api put-bucket-logging --bucket " + BUCKET + " ");
    }

    @Test
    void failsWhenLoggingToItself() {
      Finding f =
          evaluate(
              hardened(b -> b.logging = Observed.known(new BucketLogging(BUCKET, "access/"))),
              ACCESS_LOGGING,
              Status.FAIL);
      assertThat(f.message()).contains("written to the bucket itself");
    }

    @Test
    void errorWhenUnavailable() {
      Finding f =
          evaluate(
              hardened(b -> b.logging = s3Denied("GetBucketLogging")),
              ACCESS_LOGGING,
              Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketLogging failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- tls-only

  @Nested
  class TlsOnly {
    @Test
    void passesWithTheDenyInsecureTransportStatement() {
      assertThat(evaluate(hardenedBucket(), TLS_ONLY, Status.PASS).message())
          .contains("denies every S3 action on the bucket and its objects");
    }

    @Test
    void failsWithoutAPolicy() {
      Finding f =
          evaluate(
              hardened(
                  b -> {
                    b.policy = Observed.known(null);
                    b.policyIsPublic = Observed.known(null);
                  }),
              TLS_ONLY,
              Status.FAIL);
      assertThat(f.message())
          .isEqualTo("the bucket has no policy, so requests without TLS are allowed");
      assertThat(f.remediation())
          .contains(
              "\"Resource\":[\"arn:aws:s3:::" + BUCKET + "\",\"arn:aws:s3:::" + BUCKET + "/*\"]")
          .contains("\"aws:SecureTransport\":\"false\"");
    }

    @Test
    void failsWhenTheDenyCoversOnlyTheObjects() {
      String objectsOnly = denyInsecureTransport("\"s3:*\"", "\"arn:aws:s3:::" + BUCKET + "/*\"");
      Finding f = evaluate(withPolicy(hardenedPolicyWith(2, objectsOnly)), TLS_ONLY, Status.FAIL);
      assertThat(f.message())
          .startsWith("the policy does not deny all requests without TLS: ")
          .contains("Statement[2] (Sid DenyInsecureTransport)")
          .contains("covers only the objects (" + BUCKET_ARN + "/*), not the bucket " + BUCKET_ARN);
    }

    @Test
    void failsWhenTheDenyCoversOnlyGetObject() {
      String getOnly =
          denyInsecureTransport(
              "\"s3:GetObject\"",
              "[\"arn:aws:s3:::" + BUCKET + "\", \"arn:aws:s3:::" + BUCKET + "/*\"]");
      Finding f = evaluate(withPolicy(hardenedPolicyWith(2, getOnly)), TLS_ONLY, Status.FAIL);
      assertThat(f.message())
          .contains("no Deny statement for every principal and every S3 action")
          .contains("Statement[2] (Sid DenyInsecureTransport): covers only some S3 actions")
          .contains("s3:GetObject");
    }

    @Test
    void failsWhenThePolicyHasNoTlsStatement() {
      Finding f = evaluate(withPolicy(hardenedPolicyWithout(2)), TLS_ONLY, Status.FAIL);
      assertThat(f.message()).contains("no Deny statement for every principal and every S3 action");
    }

    @Test
    void errorWhenThePolicyIsUnavailable() {
      Finding f =
          evaluate(hardened(b -> b.policy = s3Denied("GetBucketPolicy")), TLS_ONLY, Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketPolicy failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- deny-delete

  @Nested
  class DenyDelete {
    private static final String BOTH = "[\"s3:DeleteObject\", \"s3:DeleteObjectVersion\"]";

    private String exempting(String... patterns) {
      String values =
          List.of(patterns).stream()
              .map(p -> "\"" + p + "\"")
              .collect(Collectors.joining(", ", "[", "]"));
      return "{\"ArnNotLike\": {\"aws:PrincipalArn\": " + values + "}}";
    }

    private Bucket deletion(String actions, String condition) {
      return withPolicy(hardenedPolicyWith(3, denyDeletion(actions, condition)));
    }

    @Test
    void passesWhenTheExemptionIsTheConfiguredBreakGlass() {
      Finding f = evaluate(hardenedBucket(), DENY_DELETE, Status.PASS);
      assertThat(f.message())
          .isEqualTo(
              "s3:DeleteObject and s3:DeleteObjectVersion on arn:aws:s3:::"
                  + BUCKET
                  + "/* denied to every principal outside the break-glass list by Statement[3] (Sid DenyLogDeletion)");
    }

    @Test
    void passesWithNoExemptionAtAll() {
      evaluate(deletion(BOTH, null), DENY_DELETE, Status.PASS);
      Finding f = evaluate(deletion(BOTH, null), NO_BREAK_GLASS, DENY_DELETE, Status.PASS);
      assertThat(f.message())
          .startsWith(
              "s3:DeleteObject and s3:DeleteObjectVersion on arn:aws:s3:::"
                  + BUCKET
                  + "/* denied to every principal outside the break-glass list by Statement[");
    }

    @Test
    void passesWithAWildcardActionAndAnExemptionWithinABreakGlassPattern() {
      AuditConfig wide =
          AuditConfig.builder()
              .breakGlassPrincipals(List.of("arn:aws:iam::" + MEMBER + ":role/LogBreakGlass*"))
              .build();
      evaluate(deletion("\"s3:Delete*\"", exempting(BREAK_GLASS)), wide, DENY_DELETE, Status.PASS);
    }

    @Test
    void failsWhenDeleteObjectVersionIsMissing() {
      Finding f =
          evaluate(
              deletion("\"s3:DeleteObject\"", exempting(BREAK_GLASS)), DENY_DELETE, Status.FAIL);
      assertThat(f.message())
          .startsWith(
              "no unconditional Deny of s3:DeleteObjectVersion on "
                  + BUCKET_ARN
                  + "/* for every principal outside the break-glass list");
      assertThat(f.remediation())
          .contains("# add to the policy of " + BUCKET)
          .contains("\"Action\":[\"s3:DeleteObject\",\"s3:DeleteObjectVersion\"]")
          .contains("\"Resource\":\"arn:aws:s3:::" + BUCKET + "/*\"")
          .contains("\"aws:PrincipalArn\":[\"" + BREAK_GLASS + "\"]");
    }

    @Test
    void failsWhenTheExemptionIsWiderThanTheBreakGlassList() {
      String admins = "arn:aws:iam::*:role/*Admin*";
      Finding f =
          evaluate(deletion(BOTH, exempting(BREAK_GLASS, admins)), DENY_DELETE, Status.FAIL);
      assertThat(f.message())
          .contains("s3:DeleteObject and s3:DeleteObjectVersion")
          .contains("Statement[3] (Sid DenyLogDeletion)")
          .contains("exempts principals beyond the break-glass list: [" + admins + "]")
          .doesNotContain("no breakGlassPrincipals are configured");
    }

    @Test
    void failsWhenAnExemptionIsPresentButNoBreakGlassIsConfigured() {
      Finding f = evaluate(hardenedBucket(), NO_BREAK_GLASS, DENY_DELETE, Status.FAIL);
      assertThat(f.message())
          .contains("exempts principals beyond the break-glass list: [" + BREAK_GLASS + "]")
          .contains(
              "no breakGlassPrincipals are configured: if "
                  + BREAK_GLASS
                  + " is your break-glass principal, list it in the configuration file");
      assertThat(f.remediation())
          .contains("\"aws:PrincipalArn\":[\"arn:aws:iam::" + MEMBER + ":role/BreakGlass\"]");
    }

    @Test
    void failsWhenTheDenyHasAnotherCondition() {
      String mfa = "{\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}";
      Finding f = evaluate(deletion(BOTH, mfa), DENY_DELETE, Status.FAIL);
      assertThat(f.message()).contains("Statement[3] (Sid DenyLogDeletion): denies only when");
    }

    @Test
    void failsWithoutAPolicy() {
      Finding f =
          evaluate(
              hardened(
                  b -> {
                    b.policy = Observed.known(null);
                    b.policyIsPublic = Observed.known(null);
                  }),
              DENY_DELETE,
              Status.FAIL);
      assertThat(f.message()).startsWith("the bucket has no policy");
      assertThat(f.remediation()).contains("\"aws:PrincipalArn\":[\"" + BREAK_GLASS + "\"]");
    }

    @Test
    void failsWhenThePolicyHasNoDeletionStatement() {
      Finding f = evaluate(withPolicy(hardenedPolicyWithout(3)), DENY_DELETE, Status.FAIL);
      assertThat(f.message())
          .startsWith("no unconditional Deny of s3:DeleteObject and s3:DeleteObjectVersion");
    }

    @Test
    void errorWhenThePolicyIsUnavailable() {
      Finding f =
          evaluate(
              hardened(b -> b.policy = s3Denied("GetBucketPolicy")), DENY_DELETE, Status.ERROR);
      assertThat(f.message()).contains("s3:GetBucketPolicy failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- dedicated

  @Nested
  class Dedicated {
    private Bucket entries(String... entries) {
      return hardened(b -> b.topLevelEntries = Observed.known(List.of(entries)));
    }

    @Test
    void passesWithOnlyAwsLogs() {
      assertThat(evaluate(hardenedBucket(), DEDICATED, Status.PASS).message())
          .isEqualTo("the top level holds only CloudTrail prefixes: AWSLogs/");
    }

    @Test
    void passesWithTheTrailsKeyPrefix() {
      Trail t = withBucket(orgTrail(), BUCKET, "org/logs");
      Snapshot s =
          snapshot(List.of(account(MGMT, t), account(MEMBER)), List.of(entries("org/")), List.of());
      assertThat(finding(run(s, CONFIG), DEDICATED, Status.PASS).message()).contains("org/");
    }

    @Test
    void passesWithItsOwnAccessLogsPrefix() {
      Bucket b =
          with(
              entries("AWSLogs/", "access/"),
              s -> s.logging = Observed.known(new BucketLogging(BUCKET, "access/2026/")));
      evaluate(b, DEDICATED, Status.PASS);
    }

    @Test
    void failsNamingForeignEntries() {
      Finding f = evaluate(entries("AWSLogs/", "backups/", "notes.txt"), DEDICATED, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "the bucket holds more than CloudTrail logs at its top level:"
                  + " backups/, notes.txt");
      assertThat(f.remediation())
          .contains("top-level entries of " + BUCKET + " to another bucket: backups/ notes.txt")
          .contains("aws s3 mv s3://" + BUCKET + "/<entry>");
    }

    @Test
    void failsForAnotherTrailsPrefixWhenThatTrailDoesNotWriteHere() {
      Finding f = evaluate(entries("AWSLogs/", "org/"), DEDICATED, Status.FAIL);
      assertThat(f.message()).endsWith(": org/");
    }

    @Test
    void errorWhenTheListingIsUnavailable() {
      Finding f =
          evaluate(
              hardened(b -> b.topLevelEntries = s3Denied("ListObjectsV2")),
              DEDICATED,
              Status.ERROR);
      assertThat(f.message()).contains("s3:ListObjectsV2 failed: AccessDenied");
    }
  }

  // ---------------------------------------------------------------- malformed policy

  @Nested
  class MalformedPolicy {
    private static final List<String> POLICY_REQUIREMENTS =
        List.of(NOT_PUBLIC, TLS_ONLY, DENY_DELETE);

    private void assertPolicyErrorsOnly(List<Finding> fs, String... messageParts) {
      assertThat(fs).hasSize(REQUIREMENTS.size());
      for (String r : POLICY_REQUIREMENTS) {
        Finding f = finding(fs, r, Status.ERROR);
        assertThat(f.message())
            .startsWith("the policy of bucket " + BUCKET + " is not a valid policy document: ")
            .contains(messageParts);
      }
      for (String r : REQUIREMENTS) {
        if (!POLICY_REQUIREMENTS.contains(r)) {
          finding(fs, r, Status.PASS);
        }
      }
    }

    @Test
    void invalidJsonIsErrorWithTheParsersLocation() {
      String json =
          "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Deny\",}]\n}";
      assertPolicyErrorsOnly(run(withPolicy(json)), "invalid JSON at line 3, column ");
    }

    @Test
    void truncatedJsonIsError() {
      assertPolicyErrorsOnly(
          run(withPolicy(HARDENED_POLICY.substring(0, HARDENED_POLICY.length() / 2))),
          "invalid JSON at line ");
    }

    @Test
    void anInvalidPolicyElementIsErrorWithItsPath() {
      String misspelt =
          hardenedPolicyPlus(
              """
          {"Sid": "Typo", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resources": "*"}""");
      assertPolicyErrorsOnly(run(withPolicy(misspelt)), "Statement[4].Resources");
    }

    @Test
    void malformedPolicyWithAPublicAclIsAFailForTheAcl() {
      Bucket b = with(withGrant(ALL_USERS, "READ"), s -> s.policy = Observed.known("{not json"));
      assertThat(finding(run(b), NOT_PUBLIC, Status.FAIL).message())
          .contains("ACL grants READ to AllUsers")
          .contains("not a valid policy document");
    }
  }

  // ---------------------------------------------------------------- once per bucket

  @Test
  void aBucketSharedByTwoTrailsIsEvaluatedOnce() {
    Trail eu = withBucket(regionalTrail(MGMT, EU, "eu-trail"), BUCKET, "eu");
    Snapshot s =
        snapshot(
            List.of(account(MGMT, orgTrail(), eu), account(MEMBER, orgTrail())),
            List.of(hardened(b -> b.topLevelEntries = Observed.known(List.of("AWSLogs/", "eu/")))),
            List.of());

    List<Finding> fs = run(s, CONFIG);

    assertThat(fs).extracting(Finding::requirement).containsExactlyElementsOf(REQUIREMENTS);
    for (String r : REQUIREMENTS) {
      finding(fs, r, Status.PASS);
    }
  }

  @Test
  void twoBucketsAreEvaluatedSeparately() {
    String other = "other-trail-logs-" + MGMT;
    Trail eu = withBucket(regionalTrail(MGMT, EU, "eu-trail"), other, null);
    Snapshot s =
        snapshot(
            List.of(account(MGMT, orgTrail(), eu), account(MEMBER)),
            List.of(hardenedBucket()),
            List.of());

    List<Finding> fs = run(s, CONFIG);

    assertThat(fs).hasSize(2 * REQUIREMENTS.size());
    List<Finding> mine = fs.stream().filter(f -> f.resourceArn().equals(BUCKET_ARN)).toList();
    assertThat(statuses(mine))
        .containsOnlyKeys(REQUIREMENTS)
        .allSatisfy((r, st) -> assertThat(st).isEqualTo(Status.PASS));
    List<Finding> others = fs.stream().filter(f -> !f.resourceArn().equals(BUCKET_ARN)).toList();
    assertThat(others)
        .allSatisfy(
            f -> {
              assertThat(f.resourceArn()).isEqualTo("arn:aws:s3:::" + other);
              assertThat(f.status()).isEqualTo(Status.ERROR);
            });
  }

  // ---------------------------------------------------------------- unreadable buckets

  @Test
  void aBucketNotInTheSnapshotIsErrorForEveryRequirement() {
    Snapshot s =
        snapshot(List.of(account(MGMT, orgTrail()), account(MEMBER)), List.of(), List.of());

    List<Finding> fs = run(s, CONFIG);

    assertThat(fs).extracting(Finding::requirement).containsExactlyElementsOf(REQUIREMENTS);
    for (String r : REQUIREMENTS) {
      Finding f = finding(fs, r, Status.ERROR, MGMT, US);
      assertThat(f.message())
          .startsWith("bucket " + BUCKET + " of trail(s) org-trail is not in the snapshot");
    }
  }

  @Test
  void aBucketInAnUnreadableAccountIsErrorNamingTheAccountForEveryRequirement() {
    Bucket unreadable =
        new Bucket(
            BUCKET,
            MEMBER,
            s3Denied("GetBucketLocation"),
            s3Denied("GetBucketPolicy"),
            s3Denied("GetBucketPolicyStatus"),
            s3Denied("GetBucketAcl"),
            s3Denied("GetPublicAccessBlock"),
            s3Denied("GetBucketVersioning"),
            s3Denied("GetObjectLockConfiguration"),
            s3Denied("GetBucketLogging"),
            s3Denied("GetBucketEncryption"),
            s3Denied("ListObjectsV2"),
            s3Denied("GetBucketLifecycleConfiguration"));
    // Only the management account was audited: the log-archive account is not in the snapshot.
    Snapshot s = snapshot(List.of(account(MGMT, orgTrail())), List.of(unreadable), List.of());

    List<Finding> fs = run(s, CONFIG);

    assertThat(fs).extracting(Finding::requirement).containsExactlyElementsOf(REQUIREMENTS);
    for (String r : REQUIREMENTS) {
      Finding f = finding(fs, r, Status.ERROR, MEMBER, US);
      assertThat(f.message())
          .as(r)
          .startsWith("bucket " + BUCKET + " (account " + MEMBER + ") could not be read: s3:")
          .contains("failed: AccessDenied")
          .contains("It belongs to account " + MEMBER + ", which this audit did not read")
          .contains("--log-archive-role arn:aws:iam::" + MEMBER + ":role/");
    }
  }

  @Test
  void aReadableBucketInAnAccountThatIsNotAuditedIsStillEvaluated() {
    Snapshot s = snapshot(List.of(account(MGMT, orgTrail())), List.of(hardenedBucket()), List.of());

    List<Finding> fs = run(s, CONFIG);

    for (String r : REQUIREMENTS) {
      finding(fs, r, Status.PASS);
    }
  }

  @Test
  void aTrailWithoutABucketGivesNoFinding() {
    Trail none = withBucket(orgTrail(), null, null);
    assertThat(run(snapshot(List.of(account(MGMT, none)), List.of(), List.of()), CONFIG)).isEmpty();
  }
}
