package io.trailaudit.checks.networkactivityevents;

import static io.trailaudit.testing.Fixtures.MEMBER;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.TRAIL_ARN;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.advanced;
import static io.trailaudit.testing.Fixtures.denied;
import static io.trailaudit.testing.Fixtures.fieldEquals;
import static io.trailaudit.testing.Fixtures.orgTrail;
import static io.trailaudit.testing.Fixtures.regionalTrail;
import static io.trailaudit.testing.Fixtures.selector;
import static io.trailaudit.testing.Fixtures.snapshot;
import static io.trailaudit.testing.Fixtures.stopped;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkActivityCheckTest {
  private static final String RULE = "network-activity-events/vpc-endpoints";

  private static final String S3 = "s3.amazonaws.com";
  private static final String EC2 = "ec2.amazonaws.com";
  private static final String KMS = "kms.amazonaws.com";
  private static final String SECRETS = "secretsmanager.amazonaws.com";
  private static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
  private static final String DYNAMODB = "dynamodb.amazonaws.com";
  private static final String DEFAULTS = String.join(", ", S3, EC2, KMS, SECRETS, CLOUDTRAIL);

  private static final String US = "us-east-1";
  private static final String ONLY_DENIED =
      "only errorCode=VpceAccessDenied events (the cheaper, weaker setting) for ";
  private static final String PUT =
      "aws cloudtrail put-event-selectors --trail-name " + TRAIL_ARN + " --region us-east-1";

  // ---------------------------------------------------------------- helpers

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new NetworkActivityCheck().evaluate(s, config);
  }

  private static Finding evaluate(AuditConfig config, Status status, Trail... trails) {
    return accountFinding(run(snapshot(account(MGMT, trails)), config), MGMT, status);
  }

  private static Finding evaluate(Status status, Trail... trails) {
    return evaluate(AuditConfig.defaults(), status, trails);
  }

  private static AuditConfig config(List<String> extraSources, boolean requireAllActivity) {
    return AuditConfig.builder()
        .parameter("networkActivity.eventSources", extraSources)
        .parameter("networkActivity.requireAllActivity", requireAllActivity)
        .build();
  }

  /** The one finding about {@code account}: status, rule, and the account's root as resource. */
  private static Finding accountFinding(List<Finding> fs, String account, Status status) {
    List<Finding> matching = fs.stream().filter(f -> f.account().equals(account)).toList();
    assertThat(matching).as("findings for %s in %s", account, fs).hasSize(1);
    Finding f = matching.get(0);
    assertThat(f.ruleId()).isEqualTo(RULE);
    assertThat(f.checkId()).isEqualTo("network-activity-events");
    assertThat(f.status()).as(f.message()).isEqualTo(status);
    assertThat(f.region()).isEqualTo("global");
    assertThat(f.resourceArn()).isEqualTo("arn:aws:iam::" + account + ":root");
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  /** The organization trail with a management selector and these network activity selectors. */
  private static Trail orgTrailWith(AdvancedEventSelector... network) {
    return withNetwork(orgTrail(), network);
  }

  private static Trail withNetwork(Trail t, AdvancedEventSelector... network) {
    List<AdvancedEventSelector> all = new ArrayList<>();
    all.add(selector("Management events", fieldEquals("eventCategory", "Management")));
    all.addAll(Arrays.asList(network));
    return withSelectors(t, Observed.known(advanced(all.toArray(AdvancedEventSelector[]::new))));
  }

  /** eventCategory NetworkActivity with extra conditions. */
  private static AdvancedEventSelector network(String name, FieldSelector... more) {
    List<FieldSelector> fields = new ArrayList<>();
    fields.add(fieldEquals("eventCategory", "NetworkActivity"));
    fields.addAll(Arrays.asList(more));
    return new AdvancedEventSelector(name, fields);
  }

  private static AdvancedEventSelector sources(String name, String... eventSources) {
    return network(name, fieldEquals("eventSource", eventSources));
  }

  private static AdvancedEventSelector deniedOnly(String name) {
    return network(name, fieldEquals("errorCode", "VpceAccessDenied"));
  }

  /** The remediation's eventSource condition for these sources. */
  private static String equalsSources(String... sources) {
    return "{\"Field\":\"eventSource\",\"Equals\":[\"" + String.join("\",\"", sources) + "\"]}]}]'";
  }

  private static String arn(String region, String name) {
    return "arn:aws:cloudtrail:" + region + ":" + MGMT + ":trail/" + name;
  }

  // ---------------------------------------------------------------- PASS

  @Test
  void passesWhenEveryDefaultSourceIsListed() {
    Finding f =
        evaluate(
            Status.PASS, orgTrailWith(sources("VPC endpoints", S3, EC2, KMS, SECRETS, CLOUDTRAIL)));

    assertThat(f.message()).isEqualTo("network activity events are logged for " + DEFAULTS);
  }

  @Test
  void passesWhenSelectorsOfOneTrailEachCoverSomeSources() {
    Finding f =
        evaluate(
            Status.PASS,
            orgTrailWith(sources("a", EC2, KMS), sources("b", S3, SECRETS, CLOUDTRAIL)));

    assertThat(f.message()).isEqualTo("network activity events are logged for " + DEFAULTS);
  }

  @Test
  void errorCodeOnlyPassesWithTheWeakerSettingSaid() {
    Finding f = evaluate(Status.PASS, orgTrailWith(deniedOnly("Denied only")));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are logged for " + DEFAULTS + "; " + ONLY_DENIED + DEFAULTS);
  }

  @Test
  void errorCodeOnlyForSomeSourcesIsNamedBesideTheFullOnes() {
    Finding f =
        evaluate(
            Status.PASS,
            orgTrailWith(
                sources("full", S3, EC2, KMS, SECRETS),
                network(
                    "cloudtrail denied",
                    fieldEquals("eventSource", CLOUDTRAIL),
                    fieldEquals("errorCode", "VpceAccessDenied"))));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are logged for "
                + String.join(", ", S3, EC2, KMS, SECRETS)
                + "; "
                + ONLY_DENIED
                + CLOUDTRAIL);
  }

  @Test
  void passesWithAConfiguredSourceWhenAllSourcesAreLogged() {
    Finding f =
        evaluate(config(List.of(DYNAMODB), false), Status.PASS, orgTrailWith(network("all")));

    assertThat(f.message())
        .isEqualTo("network activity events are logged for " + DEFAULTS + ", " + DYNAMODB);
  }

  @Test
  void passNotErrorWhenAReadableTrailPassesAndAnotherIsUnreadable() {
    Trail unreadable =
        withSelectors(regionalTrail(MGMT, US, "other"), denied("cloudtrail", "GetEventSelectors"));
    evaluate(Status.PASS, unreadable, orgTrailWith(network("all")));
  }

  @Test
  void sourcesCoveredByDifferentTrailsAddUp() {
    Trail other =
        withNetwork(regionalTrail(MGMT, US, "other"), sources("rest", S3, SECRETS, CLOUDTRAIL));
    evaluate(Status.PASS, orgTrailWith(sources("some", EC2, KMS)), other);
  }

  // ---------------------------------------------------------------- FAIL

  @Test
  void failsNamingTheMissingSources() {
    Finding f = evaluate(Status.FAIL, orgTrailWith(sources("some", EC2, KMS)));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are not logged for "
                + String.join(", ", S3, SECRETS, CLOUDTRAIL)
                + "; logged for "
                + String.join(", ", EC2, KMS));
    assertThat(f.remediation())
        .startsWith("# put-event-selectors replaces every selector of the trail")
        .contains(PUT + " --advanced-event-selectors '[")
        .contains("{\"Field\":\"eventCategory\",\"Equals\":[\"NetworkActivity\"]}")
        .endsWith(equalsSources(S3, SECRETS, CLOUDTRAIL));
  }

  @Test
  void errorCodeOnlyFailsWhenTheConfigRequiresAllActivity() {
    Finding f =
        evaluate(config(List.of(), true), Status.FAIL, orgTrailWith(deniedOnly("Denied only")));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are not logged for "
                + DEFAULTS
                + " (only errorCode=VpceAccessDenied events for "
                + DEFAULTS
                + ", and the configuration requires all activity)");
    assertThat(f.remediation())
        .contains(PUT)
        .endsWith(equalsSources(S3, EC2, KMS, SECRETS, CLOUDTRAIL));
  }

  @Test
  void allActivityPassesWhenTheConfigRequiresIt() {
    evaluate(config(List.of(), true), Status.PASS, orgTrailWith(network("all")));
  }

  @Test
  void aConfiguredExtraSourceIsRequired() {
    Finding f =
        evaluate(
            config(List.of(DYNAMODB), false),
            Status.FAIL,
            orgTrailWith(sources("defaults", S3, EC2, KMS, SECRETS, CLOUDTRAIL)));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are not logged for " + DYNAMODB + "; logged for " + DEFAULTS);
    assertThat(f.remediation()).contains(PUT).endsWith(equalsSources(DYNAMODB));
  }

  @Test
  void aNarrowedSelectorFails() {
    Finding f =
        evaluate(
            Status.FAIL,
            orgTrailWith(
                network(
                    "one endpoint",
                    fieldEquals("eventSource", S3, EC2, KMS, SECRETS, CLOUDTRAIL),
                    fieldEquals("vpcEndpointId", "vpce-1"))));

    assertThat(f.message()).isEqualTo("network activity events are not logged for " + DEFAULTS);
  }

  @Test
  void aStoppedTrailDoesNotCount() {
    Finding f =
        evaluate(Status.FAIL, withStatus(orgTrailWith(network("all")), Observed.known(stopped())));

    assertThat(f.message())
        .isEqualTo(
            "network activity events are not logged for "
                + DEFAULTS
                + "; no logging trail is visible from account "
                + MGMT);
    assertThat(f.remediation())
        .contains(
            "put-event-selectors --trail-name <multi-region-trail> --region <trail-home-region>")
        .doesNotContain(TRAIL_ARN);
  }

  @Test
  void failsWithPlaceholdersWhenNoTrailIsVisible() {
    Finding f =
        accountFinding(run(snapshot(account(MGMT)), AuditConfig.defaults()), MGMT, Status.FAIL);

    assertThat(f.message()).endsWith("; no logging trail is visible from account " + MGMT);
    assertThat(f.remediation())
        .contains(
            "put-event-selectors --trail-name <multi-region-trail> --region <trail-home-region>")
        .endsWith(equalsSources(S3, EC2, KMS, SECRETS, CLOUDTRAIL));
  }

  @Test
  void remediationNamesTheFirstUsableTrail() {
    Trail regional = withNetwork(regionalTrail(MGMT, "eu-west-1", "eu"), sources("ec2", EC2));
    Finding f = evaluate(Status.FAIL, regional);

    assertThat(f.remediation())
        .contains(
            "put-event-selectors --trail-name "
                + arn("eu-west-1", "eu")
                + " --region eu-west-1 --advanced-event-selectors");
  }

  // ---------------------------------------------------------------- ERROR

  @Test
  void errorNotFailWhenAReadableTrailFallsShortAndAnotherIsUnreadable() {
    Trail unreadable =
        withSelectors(regionalTrail(MGMT, US, "other"), denied("cloudtrail", "GetEventSelectors"));
    Finding f = evaluate(Status.ERROR, orgTrailWith(sources("some", EC2, KMS)), unreadable);

    assertThat(f.message())
        .startsWith(
            "cannot tell whether network activity events are logged for "
                + String.join(", ", S3, SECRETS, CLOUDTRAIL)
                + ": ")
        .contains("event selectors of trail other (" + arn(US, "other") + ")");
  }

  @Test
  void errorWhenSelectorsAreMissingFromTheSnapshot() {
    Finding f = evaluate(Status.ERROR, withSelectors(orgTrail(), Observed.known(null)));

    assertThat(f.message())
        .contains("event selectors of trail org-trail (" + TRAIL_ARN + ") are missing (null)");
  }

  // ---------------------------------------------------------------- accounts

  @Test
  void oneFindingPerAccountUsingTheOwnersReadsOfTheOrganizationTrail() {
    Trail shadow =
        withSelectors(
            withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")),
            denied("cloudtrail", "GetEventSelectors"));
    AccountSnapshot mgmt = account(MGMT, orgTrailWith(network("all")));
    List<Finding> fs = run(snapshot(mgmt, account(MEMBER, shadow)), AuditConfig.defaults());

    assertThat(fs).hasSize(2);
    accountFinding(fs, MGMT, Status.PASS);
    accountFinding(fs, MEMBER, Status.PASS);
  }
}
