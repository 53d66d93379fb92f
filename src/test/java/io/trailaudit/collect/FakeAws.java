package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.trailaudit.collect.AwsStubs.json;
import static io.trailaudit.collect.AwsStubs.json11;
import static io.trailaudit.collect.AwsStubs.jsonError;
import static io.trailaudit.collect.AwsStubs.query;
import static io.trailaudit.collect.AwsStubs.queryError;
import static io.trailaudit.collect.AwsStubs.s3Error;
import static io.trailaudit.collect.AwsStubs.xml;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An AWS Organization served by WireMock in the real wire formats: a management account that owns a
 * multi-region organization trail (its bucket and key in the management account), member accounts
 * that see it as a shadow trail, and members whose role cannot be assumed. Requests are told apart
 * by the access key in their signature: the caller signs with {@link WireMockAws#CREDENTIALS}, a
 * member's assumed role with {@code ASIA<account id>}.
 *
 * <p>The bodies are the reader fixtures under {@code src/test/resources/aws}, which describe
 * account {@code 111111111111}: that id is replaced by the management account's.
 */
public final class FakeAws {
  public static final String CALLER_KEY = "AKIDTESTTEST";
  public static final String MEMBER_ROLE = "TrailauditReadOnly";
  public static final String CT = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
  public static final String ORGS = "AWSOrganizationsV20161128.";
  public static final String KMS = "TrentService.";

  /** The key that encrypts the alarm topics of {@code sns/get-topic-attributes.xml}. */
  static final String SNS_TOPIC_KEY = "abcd1234-12ab-34cd-56ef-1234567890ab";

  public static final String LOGS = "Logs_20140328.";
  public static final String CONFIG = "StarlingDoveService.";
  public static final String GLUE = "AWSGlue.";

  /**
   * The estate.
   *
   * @param management the caller's account, which owns the organization trail
   * @param members the member accounts, each with the member role
   * @param denied members whose role cannot be assumed
   * @param regions the regions enabled in every account
   */
  public record Estate(
      String management, List<String> members, Set<String> denied, List<String> regions) {
    public String trailArn() {
      return "arn:aws:cloudtrail:us-east-1:" + management + ":trail/org-trail";
    }

    public String bucket() {
      return "org-trail-logs-" + management;
    }
  }

  private final WireMock wm;
  private final Estate estate;

  private FakeAws(WireMock wm, Estate estate) {
    this.wm = wm;
    this.estate = estate;
  }

  /** Registers the whole estate on {@code wm}. */
  public static void serve(WireMock wm, Estate estate) {
    new FakeAws(wm, estate).stubAll();
  }

  private void stubAll() {
    String mgmt = estate.management();
    // Caller identity and member roles.
    stub(query("GetCallerIdentity").willReturn(xml(fixture("sts/get-caller-identity.xml"))));
    for (String member : estate.members()) {
      String role = "arn%3Aaws%3Aiam%3A%3A" + member + "%3Arole%2F" + MEMBER_ROLE;
      stub(
          query("AssumeRole")
              .withRequestBody(containing("RoleArn=" + role + "&"))
              .willReturn(
                  estate.denied().contains(member)
                      ? queryError(
                          403,
                          "AccessDenied",
                          "User: arn:aws:sts::"
                              + mgmt
                              + ":assumed-role/SecurityAudit/alice is not authorized to perform:"
                              + " sts:AssumeRole on resource: arn:aws:iam::"
                              + member
                              + ":role/"
                              + MEMBER_ROLE)
                      : xml(
                          AwsStubs.body("sts/assume-role.xml")
                              .replace("222222222222", member)
                              .replace("ASIAIOSFODNN7EXAMPLE", key(member)))));
    }

    // The organization, readable from the management account only.
    stub(
        json11(ORGS + "DescribeOrganization")
            .willReturn(json(fixture("organizations/DescribeOrganization.json"))));
    stub(json11(ORGS + "ListRoots").willReturn(json(fixture("organizations/ListRoots.json"))));
    stub(
        json11(ORGS + "ListOrganizationalUnitsForParent")
            .willReturn(
                json(fixture("organizations/ListOrganizationalUnitsForParent-empty.json"))));
    stub(json11(ORGS + "ListAccountsForParent").willReturn(json(accountsJson(estate))));
    stub(
        json11(ORGS + "ListPolicies")
            .willReturn(
                json(
                    "{\"Policies\":[{\"Arn\":\"arn:aws:organizations::"
                        + mgmt
                        + ":policy/o-exampleorgid/service_control_policy/p-protecttrail\","
                        + "\"AwsManaged\":false,\"Description\":\"Deny changes to the"
                        + " organization trail\",\"Id\":\"p-protecttrail\",\"Name\":"
                        + "\"ProtectCloudTrail\",\"Type\":\"SERVICE_CONTROL_POLICY\"}]}")));
    stub(
        json11(ORGS + "DescribePolicy")
            .willReturn(json(fixture("organizations/DescribePolicy-protect.json"))));
    stub(
        json11(ORGS + "ListTargetsForPolicy")
            .willReturn(
                json(
                    "{\"Targets\":[{\"Arn\":\"arn:aws:organizations::"
                        + mgmt
                        + ":root/o-exampleorgid/r-examplerootid111\",\"Name\":\"Root\","
                        + "\"TargetId\":\"r-examplerootid111\",\"Type\":\"ROOT\"}]}")));

    // Every account: its regions and its account-level Block Public Access.
    stub(
        post(urlEqualTo("/listRegions"))
            .willReturn(
                AwsStubs.json(regionsJson()).withHeader("Content-Type", "application/json")));

    // CloudTrail: every account and region sees the organization trail; only its owner reads it.
    stub(
        json11(CT + "DescribeTrails")
            .willReturn(json(fixture("cloudtrail/describe-trails-org.json"))));
    stub(json11(CT + "ListEventDataStores").willReturn(json("{\"EventDataStores\":[]}")));
    for (String op :
        List.of(
            "GetTrailStatus",
            "GetEventSelectors",
            "GetInsightSelectors",
            "ListTags",
            "GetEventConfiguration")) {
      stub(
          json11(CT + op)
              .willReturn(
                  jsonError(
                      400,
                      "TrailNotFoundException",
                      "Unknown trail: " + estate.trailArn() + " for the user")));
    }
    stubOwner(
        json11(CT + "GetTrailStatus")
            .willReturn(json(fixture("cloudtrail/get-trail-status.json"))));
    stubOwner(
        json11(CT + "GetEventSelectors")
            .willReturn(json(fixture("cloudtrail/get-event-selectors-advanced.json"))));
    stubOwner(
        json11(CT + "GetEventConfiguration")
            .willReturn(json(fixture("cloudtrail/get-event-configuration.json"))));
    stubOwner(
        json11(CT + "GetInsightSelectors")
            .willReturn(json(fixture("cloudtrail/get-insight-selectors.json"))));
    stubOwner(
        json11(CT + "ListTags")
            .willReturn(
                json(
                    "{\"ResourceTagList\":[{\"ResourceId\":\""
                        + estate.trailArn()
                        + "\",\"TagsList\":[{\"Key\":\"owner\",\"Value\":\"security\"}]}]}")));

    // The trail bucket, readable by its owner only.
    String bucket = "/" + estate.bucket();
    stub(get(anyUrl()).willReturn(s3Error(403, "AccessDenied", "Access Denied")));
    stubOwner(
        s3(bucket, "location").willReturn(xml(fixture("s3/get-bucket-location-us-east-1.xml"))));
    stubOwner(
        s3(bucket, "policy")
            .willReturn(
                AwsStubs.json(fixture("s3/get-bucket-policy.json"))
                    .withHeader("Content-Type", "application/json")));
    stubOwner(
        s3(bucket, "policyStatus").willReturn(xml(fixture("s3/get-bucket-policy-status.xml"))));
    stubOwner(s3(bucket, "acl").willReturn(xml(fixture("s3/get-bucket-acl.xml"))));
    stubOwner(
        s3(bucket, "publicAccessBlock").willReturn(xml(fixture("s3/get-public-access-block.xml"))));
    stubOwner(s3(bucket, "versioning").willReturn(xml(fixture("s3/get-bucket-versioning.xml"))));
    stubOwner(
        s3(bucket, "object-lock")
            .willReturn(
                s3Error(
                    404,
                    "ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket")));
    stubOwner(s3(bucket, "logging").willReturn(xml(fixture("s3/get-bucket-logging.xml"))));
    stubOwner(s3(bucket, "encryption").willReturn(xml(fixture("s3/get-bucket-encryption.xml"))));
    stubOwner(
        s3(bucket, "lifecycle")
            .willReturn(
                s3Error(
                    404,
                    "NoSuchLifecycleConfiguration",
                    "The lifecycle configuration does not exist")));
    stubOwner(
        get(urlPathEqualTo(bucket))
            .withQueryParam("list-type", equalTo("2"))
            .willReturn(xml(fixture("s3/list-objects-v2-top-level.xml"))));
    // The trail's key, in the management account.
    stubOwner(json11(KMS + "DescribeKey").willReturn(json(fixture("kms/describe-key.json"))));
    stubOwner(
        json11(KMS + "GetKeyRotationStatus")
            .willReturn(json(fixture("kms/get-key-rotation-status.json"))));
    stubOwner(json11(KMS + "GetKeyPolicy").willReturn(json(fixture("kms/get-key-policy.json"))));
    stubOwner(json11(KMS + "ListGrants").willReturn(json(fixture("kms/list-grants-page-2.json"))));
    // The alarm topics' key (same account): its policy lets CloudWatch publish to the topics.
    stubOwner(
        json11(KMS + "DescribeKey")
            .withRequestBody(containing(SNS_TOPIC_KEY))
            .willReturn(json(fixture("kms/describe-key-sns-topic.json"))));
    stubOwner(
        json11(KMS + "GetKeyPolicy")
            .withRequestBody(containing(SNS_TOPIC_KEY))
            .willReturn(json(fixture("kms/get-key-policy-sns-topic.json"))));

    // The trail's log group (us-east-1, management account): one filter for root usage, its alarm,
    // and the alarm's topic with a confirmed subscription.
    stubOwner(
        json11(LOGS + "DescribeMetricFilters")
            .withRequestBody(containing("\"logGroupName\":\"aws-cloudtrail-logs\""))
            .willReturn(json(fixture("logs/describe-metric-filters-trail.json"))));
    stubOwner(
        query("DescribeAlarmsForMetric")
            .willReturn(xml(fixture("cloudwatch/describe-alarms-for-metric-root.xml"))));
    stubOwner(query("GetTopicAttributes").willReturn(xml(fixture("sns/get-topic-attributes.xml"))));
    stubOwner(
        query("ListSubscriptionsByTopic")
            .willReturn(xml(fixture("sns/list-subscriptions-by-topic-page2.xml"))));

    // AWS Config in every account and region: a recorder, the CloudTrail rules, one remediation.
    stub(
        json11(CONFIG + "DescribeConfigurationRecorders")
            .willReturn(json(fixture("config/describe-configuration-recorders.json"))));
    stub(
        json11(CONFIG + "DescribeConfigurationRecorderStatus")
            .willReturn(json(fixture("config/describe-configuration-recorder-status.json"))));
    stub(json11(CONFIG + "DescribeConfigRules").willReturn(json(configRules(estate.management()))));
    stub(
        json11(CONFIG + "DescribeRemediationConfigurations")
            .willReturn(json(fixture("config/describe-remediation-configurations.json"))));

    // Security Hub (REST-JSON): enabled, with the foundational standard only.
    wm.register(
        get(urlPathEqualTo("/accounts"))
            .atPriority(1)
            .willReturn(
                AwsStubs.json(fixture("securityhub/describe-hub.json"))
                    .withHeader("Content-Type", "application/json")));
    stub(
        post(urlPathEqualTo("/standards/get"))
            .willReturn(
                AwsStubs.json(foundationalStandard(estate.management()))
                    .withHeader("Content-Type", "application/json")));

    // Glue: no database, hence no Athena table over the trail bucket.
    stub(json11(GLUE + "GetDatabases").willReturn(json(fixture("glue/get-databases-none.json"))));

    // Account-level Block Public Access (sent to <account>.localhost), before the S3 catch-all.
    wm.register(
        get(urlPathEqualTo("/v20180820/configuration/publicAccessBlock"))
            .atPriority(1)
            .willReturn(xml(fixture("s3control/get-public-access-block.xml"))));
  }

  /** The access key of a member's assumed role. */
  public static String key(String account) {
    return "ASIA" + account;
  }

  private static MappingBuilder s3(String path, String subresource) {
    return get(urlPathEqualTo(path)).withQueryParam(subresource, matching(".*"));
  }

  private void stub(MappingBuilder m) {
    wm.register(m.atPriority(5));
  }

  /** A response only for requests signed by the caller (the management account). */
  private void stubOwner(MappingBuilder m) {
    wm.register(
        m.withHeader("Authorization", containing("Credential=" + CALLER_KEY + "/")).atPriority(1));
  }

  private String fixture(String path) {
    return AwsStubs.body(path).replace("111111111111", estate.management());
  }

  /** DescribeConfigRules: the five CloudTrail managed rules, in the management account. */
  public static String configRules(String management) {
    StringBuilder rules = new StringBuilder("{\"ConfigRules\":[");
    String[][] managed = {
      {"cloudtrail-enabled", "CLOUD_TRAIL_ENABLED"},
      {"cloud-trail-encryption-enabled", "CLOUD_TRAIL_ENCRYPTION_ENABLED"},
      {"cloud-trail-log-file-validation-enabled", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"},
      {"cloud-trail-cloud-watch-logs-enabled", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED"},
      {"s3-bucket-public-read-prohibited", "S3_BUCKET_PUBLIC_READ_PROHIBITED"}
    };
    for (int i = 0; i < managed.length; i++) {
      rules
          .append(i == 0 ? "" : ",")
          .append("{\"ConfigRuleName\":\"")
          .append(managed[i][0])
          .append("\",\"ConfigRuleArn\":\"arn:aws:config:us-east-1:")
          .append(management)
          .append(":config-rule/config-rule-")
          .append(i)
          .append("\",\"ConfigRuleId\":\"config-rule-")
          .append(i)
          .append("\",\"Source\":{\"Owner\":\"AWS\",\"SourceIdentifier\":\"")
          .append(managed[i][1])
          .append("\"},\"ConfigRuleState\":\"ACTIVE\"}");
    }
    return rules.append("]}").toString();
  }

  /** GetEnabledStandards: AWS Foundational Security Best Practices, READY. */
  public static String foundationalStandard(String management) {
    return "{\"StandardsSubscriptions\":[{\"StandardsSubscriptionArn\":\"arn:aws:securityhub:"
        + "us-east-1:"
        + management
        + ":subscription/aws-foundational-security-best-practices/v/1.0.0\","
        + "\"StandardsArn\":\"arn:aws:securityhub:us-east-1::standards/"
        + "aws-foundational-security-best-practices/v/1.0.0\",\"StandardsInput\":{},"
        + "\"StandardsStatus\":\"READY\"}]}";
  }

  /** ListAccountsForParent: the management account and every member, ACTIVE. */
  public static String accountsJson(Estate estate) {
    List<String> all = new ArrayList<>();
    all.add(estate.management());
    all.addAll(estate.members());
    return all.stream()
        .map(
            id ->
                "{\"Arn\":\"arn:aws:organizations::"
                    + estate.management()
                    + ":account/o-exampleorgid/"
                    + id
                    + "\",\"Email\":\"aws+"
                    + id
                    + "@example.com\",\"Id\":\""
                    + id
                    + "\",\"JoinedMethod\":\"CREATED\",\"JoinedTimestamp\":1.4815e9,\"Name\":\""
                    + (id.equals(estate.management()) ? "management" : "member-" + id)
                    + "\",\"State\":\"ACTIVE\",\"Status\":\"ACTIVE\"}")
        .collect(Collectors.joining(",", "{\"Accounts\":[", "]}"));
  }

  private String regionsJson() {
    return estate.regions().stream()
        .map(r -> "{\"RegionName\":\"" + r + "\",\"RegionOptStatus\":\"ENABLED_BY_DEFAULT\"}")
        .collect(Collectors.joining(",", "{\"Regions\":[", "]}"));
  }
}
