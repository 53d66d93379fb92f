package io.trailaudit.checks.dataevents;

import static io.trailaudit.testing.FindingLookup.only;
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
import static io.trailaudit.testing.Fixtures.withFlags;
import static io.trailaudit.testing.Fixtures.withSelectors;
import static io.trailaudit.testing.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DataEventsCheckTest {
  private static final String S3_WRITE = "data-events/s3-write";
  private static final String S3_READ = "data-events/s3-read";
  private static final String LAMBDA = "data-events/lambda";
  private static final String DYNAMODB = "data-events/dynamodb";

  private static final String S3_OBJECT = "AWS::S3::Object";
  private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
  private static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";

  private static final String US = "us-east-1";
  private static final String ORG_TRAIL_LABEL = "org-trail (" + TRAIL_ARN + ")";
  private static final String WARNING =
      "# put-event-selectors replaces every selector of the trail: keep the current ones"
          + " (aws cloudtrail get-event-selectors --trail-name "
          + TRAIL_ARN
          + " --region us-east-1) in the list";
  private static final String PUT =
      "aws cloudtrail put-event-selectors --trail-name " + TRAIL_ARN + " --region us-east-1";

  // ---------------------------------------------------------------- helpers

  private static List<Finding> run(Snapshot s, AuditConfig config) {
    return new DataEventsCheck().evaluate(s, config);
  }

  private static List<Finding> run(AccountSnapshot... accounts) {
    return run(snapshot(accounts), AuditConfig.defaults());
  }

  private static List<Finding> runWithBuckets(List<String> buckets, Trail... trails) {
    AuditConfig config = AuditConfig.builder().parameter("dataEvents.s3Buckets", buckets).build();
    return run(snapshot(account(MGMT, trails)), config);
  }

  /** An account-level finding: status, rule, and the account's root as resource. */
  private static Finding accountFinding(
      List<Finding> fs, String ruleId, String account, Status status) {
    Finding f = only(fs, ruleId, account);
    assertThat(f.status()).as("%s: %s", ruleId, f.message()).isEqualTo(status);
    assertThat(f.checkId()).isEqualTo("data-events");
    assertThat(f.region()).isEqualTo("global");
    assertThat(f.resourceArn()).isEqualTo("arn:aws:iam::" + account + ":root");
    if (status == Status.FAIL) {
      assertThat(f.remediation()).isNotBlank();
    } else {
      assertThat(f.remediation()).isNull();
    }
    return f;
  }

  /** The finding of {@code ruleId} for the management account, which sees only {@code trails}. */
  private static Finding evaluate(String ruleId, Status status, Trail... trails) {
    return accountFinding(run(account(MGMT, trails)), ruleId, MGMT, status);
  }

  /** The organization trail with these selectors (and its default management selector). */
  private static Trail orgTrailWith(EventSelectors s) {
    return withSelectors(orgTrail(), Observed.known(s));
  }

  /** Classic selectors: one management selector plus one data-only selector of these resources. */
  private static EventSelectors classicData(String readWriteType, DataResource... resources) {
    return new EventSelectors(
        List.of(
            new EventSelector("All", true, List.of(), List.of()),
            new EventSelector(readWriteType, false, List.of(), List.of(resources))),
        List.of());
  }

  private static DataResource resource(String type, String... values) {
    return new DataResource(type, List.of(values));
  }

  /** Advanced selectors: management events plus the given data selectors. */
  private static EventSelectors advancedData(AdvancedEventSelector... data) {
    List<AdvancedEventSelector> all = new ArrayList<>();
    all.add(selector("Management events", fieldEquals("eventCategory", "Management")));
    all.addAll(Arrays.asList(data));
    return advanced(all.toArray(AdvancedEventSelector[]::new));
  }

  /** A data selector: eventCategory Data, resources.type {@code type}, and extra conditions. */
  private static AdvancedEventSelector dataSelector(
      String name, String type, FieldSelector... more) {
    List<FieldSelector> fields = new ArrayList<>();
    fields.add(fieldEquals("eventCategory", "Data"));
    fields.add(fieldEquals("resources.type", type));
    fields.addAll(Arrays.asList(more));
    return new AdvancedEventSelector(name, fields);
  }

  private static FieldSelector fieldStartsWith(String field, String... values) {
    return new FieldSelector(field, null, null, List.of(values), null, null, null);
  }

  /** All four data event kinds on all resources, advanced form. */
  private static EventSelectors everything() {
    return advancedData(
        dataSelector("S3", S3_OBJECT),
        dataSelector("Lambda", LAMBDA_FUNCTION),
        dataSelector("DynamoDB", DYNAMODB_TABLE));
  }

  /** A multi-region trail of the management account that is not an organization trail. */
  private static Trail multiRegionTrail(String name) {
    return withFlags(regionalTrail(MGMT, US, name), true, false, true, true);
  }

  private static String arn(String name) {
    return "arn:aws:cloudtrail:us-east-1:" + MGMT + ":trail/" + name;
  }

  private static void assertRemediatesOrgTrail(Finding f, String selectorName) {
    assertThat(f.remediation())
        .startsWith(WARNING)
        .contains(PUT + " --advanced-event-selectors '[")
        .contains("{\"Name\":\"Management events\"")
        .contains("\"Name\":\"" + selectorName + "\"")
        .doesNotContain("<")
        .doesNotContain("{trail");
  }

  private static void assertRemediationHasPlaceholders(Finding f) {
    assertThat(f.remediation())
        .contains(
            "aws cloudtrail put-event-selectors --trail-name <multi-region-trail>"
                + " --region <trail-home-region>")
        .contains("replaces every selector of the trail")
        .doesNotContain(TRAIL_ARN);
  }

  // ---------------------------------------------------------------- all four kinds

  @Test
  void managementEventsOnlyFailsEveryRequirementWithTheTrailsRemediation() {
    List<Finding> fs = run(account(MGMT, orgTrail()));

    assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.FAIL).message())
        .isEqualTo(
            "S3 object-level write events for all buckets are not logged: org-trail: S3 object"
                + " write events (all buckets) not logged");
    assertThat(accountFinding(fs, S3_READ, MGMT, Status.FAIL).message())
        .startsWith("S3 object-level read events for all buckets are not logged: org-trail:");
    assertThat(accountFinding(fs, LAMBDA, MGMT, Status.FAIL).message())
        .startsWith("Lambda invocations of all functions are not logged: org-trail:");
    assertThat(accountFinding(fs, DYNAMODB, MGMT, Status.FAIL).message())
        .startsWith("DynamoDB item reads and writes on all tables are not logged: org-trail:");
    assertRemediatesOrgTrail(only(fs, S3_WRITE, MGMT), "S3 object writes");
    assertRemediatesOrgTrail(only(fs, S3_READ, MGMT), "S3 object reads");
    assertRemediatesOrgTrail(only(fs, LAMBDA, MGMT), "Lambda invocations");
    assertRemediatesOrgTrail(only(fs, DYNAMODB, MGMT), "DynamoDB items");
    assertThat(only(fs, S3_WRITE, MGMT).remediation())
        .contains("{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}");
    assertThat(only(fs, S3_READ, MGMT).remediation())
        .contains("{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}");
  }

  @Test
  void oneFindingPerAccountAndRequirement() {
    List<Finding> fs =
        run(account(MGMT, orgTrailWith(everything())), account(MEMBER, orgTrailWith(everything())));

    assertThat(fs).hasSize(8);
    for (String rule : List.of(S3_WRITE, S3_READ, LAMBDA, DYNAMODB)) {
      accountFinding(fs, rule, MGMT, Status.PASS);
      accountFinding(fs, rule, MEMBER, Status.PASS);
    }
  }

  // ---------------------------------------------------------------- s3-write and s3-read

  @Nested
  class S3 {
    @Test
    void classicAllBucketsPassesWriteAndRead() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3")));
      List<Finding> fs = run(account(MGMT, t));

      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.PASS).message())
          .isEqualTo(
              "S3 object-level write events for all buckets are logged by multi-region trail "
                  + ORG_TRAIL_LABEL);
      assertThat(accountFinding(fs, S3_READ, MGMT, Status.PASS).message())
          .isEqualTo(
              "S3 object-level read events for all buckets are logged by multi-region trail "
                  + ORG_TRAIL_LABEL);
    }

    @Test
    void classicAllBucketsWithTheTripleColonPrefixPasses() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3:::")));
      List<Finding> fs = run(account(MGMT, t));

      accountFinding(fs, S3_WRITE, MGMT, Status.PASS);
      accountFinding(fs, S3_READ, MGMT, Status.PASS);
    }

    @Test
    void advancedAllBucketsPassesWriteAndRead() {
      List<Finding> fs =
          run(account(MGMT, orgTrailWith(advancedData(dataSelector("S3", S3_OBJECT)))));

      accountFinding(fs, S3_WRITE, MGMT, Status.PASS);
      accountFinding(fs, S3_READ, MGMT, Status.PASS);
    }

    @Test
    void classicWriteOnlyPassesWriteAndFailsRead() {
      Trail t = orgTrailWith(classicData("WriteOnly", resource(S3_OBJECT, "arn:aws:s3")));
      List<Finding> fs = run(account(MGMT, t));

      accountFinding(fs, S3_WRITE, MGMT, Status.PASS);
      Finding read = accountFinding(fs, S3_READ, MGMT, Status.FAIL);
      assertThat(read.message())
          .startsWith("S3 object-level read events for all buckets are not logged: org-trail: ")
          .contains("S3 object read events (all buckets) not logged")
          .contains("event selector 2 logs only readOnly=false");
      assertRemediatesOrgTrail(read, "S3 object reads");
    }

    @Test
    void advancedWriteOnlyPassesWriteAndFailsRead() {
      Trail t =
          orgTrailWith(
              advancedData(dataSelector("S3 writes", S3_OBJECT, fieldEquals("readOnly", "false"))));
      List<Finding> fs = run(account(MGMT, t));

      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.PASS).message())
          .endsWith(ORG_TRAIL_LABEL);
      assertThat(accountFinding(fs, S3_READ, MGMT, Status.FAIL).message())
          .contains("S3 object read events (all buckets) not logged")
          .contains("selector 'S3 writes' logs only readOnly=false");
    }

    @Test
    void classicReadOnlyPassesReadAndFailsWrite() {
      Trail t = orgTrailWith(classicData("ReadOnly", resource(S3_OBJECT, "arn:aws:s3")));
      List<Finding> fs = run(account(MGMT, t));

      accountFinding(fs, S3_READ, MGMT, Status.PASS);
      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.FAIL).message())
          .contains("event selector 2 logs only readOnly=true");
    }

    @Test
    void readOnlyAndWriteOnlySelectorsOfOneTrailAddUp() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector("reads", S3_OBJECT, fieldEquals("readOnly", "true")),
                  dataSelector("writes", S3_OBJECT, fieldEquals("readOnly", "false"))));
      List<Finding> fs = run(account(MGMT, t));

      accountFinding(fs, S3_WRITE, MGMT, Status.PASS);
      accountFinding(fs, S3_READ, MGMT, Status.PASS);
    }

    @Test
    void writesOnOneTrailAndReadsOnAnotherEachPassTheirOwnRequirement() {
      Trail writes = orgTrailWith(classicData("WriteOnly", resource(S3_OBJECT, "arn:aws:s3")));
      Trail reads =
          withSelectors(
              multiRegionTrail("reads"),
              Observed.known(classicData("ReadOnly", resource(S3_OBJECT, "arn:aws:s3"))));
      List<Finding> fs = run(account(MGMT, writes, reads));

      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.PASS).message())
          .endsWith(ORG_TRAIL_LABEL);
      assertThat(accountFinding(fs, S3_READ, MGMT, Status.PASS).message())
          .endsWith("reads (" + arn("reads") + ")");
    }

    @Test
    void classicOneBucketFailsAllBuckets() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3:::b1/")));
      List<Finding> fs = run(account(MGMT, t));

      for (String rule : List.of(S3_WRITE, S3_READ)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message())
            .contains("for all buckets are not logged: org-trail: ")
            .contains("(all buckets) only partly logged")
            .contains("event selector 2 logs only resources.ARN starting with arn:aws:s3:::b1/");
      }
    }

    @Test
    void advancedOneBucketFailsAllBuckets() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector(
                      "b1 objects",
                      S3_OBJECT,
                      fieldStartsWith("resources.ARN", "arn:aws:s3:::b1/"))));
      Finding f = evaluate(S3_WRITE, Status.FAIL, t);

      assertThat(f.message())
          .startsWith("S3 object-level write events for all buckets are not logged: org-trail: ")
          .contains("S3 object write events (all buckets) only partly logged")
          .contains("selector 'b1 objects' logs only resources.ARN starting with arn:aws:s3:::b1/");
      assertRemediatesOrgTrail(f, "S3 object writes");
    }

    @Test
    void classicOneBucketPassesWhenTheConfigNamesOnlyThatBucket() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3:::b1/")));
      List<Finding> fs = runWithBuckets(List.of("b1"), t);

      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.PASS).message())
          .isEqualTo(
              "S3 object-level write events for buckets b1 are logged by multi-region trail "
                  + ORG_TRAIL_LABEL);
      assertThat(accountFinding(fs, S3_READ, MGMT, Status.PASS).message())
          .startsWith("S3 object-level read events for buckets b1 are logged");
    }

    @Test
    void advancedOneBucketPassesWhenTheConfigNamesOnlyThatBucket() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector(
                      "b1 objects",
                      S3_OBJECT,
                      fieldStartsWith("resources.ARN", "arn:aws:s3:::b1/"))));
      List<Finding> fs = runWithBuckets(List.of("b1"), t);

      accountFinding(fs, S3_WRITE, MGMT, Status.PASS);
      accountFinding(fs, S3_READ, MGMT, Status.PASS);
    }

    @Test
    void oneBucketFailsWhenTheConfigNamesAnotherToo() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3:::b1/")));
      List<Finding> fs = runWithBuckets(List.of("b1", "b2"), t);

      Finding f = accountFinding(fs, S3_WRITE, MGMT, Status.FAIL);
      assertThat(f.message())
          .isEqualTo(
              "S3 object-level write events for buckets b1, b2 are not logged: org-trail: S3"
                  + " object write events (bucket b2) not logged (event selector 2 logs only"
                  + " resources.ARN starting with arn:aws:s3:::b1/)");
      assertRemediatesOrgTrail(f, "S3 object writes");
      assertThat(accountFinding(fs, S3_READ, MGMT, Status.FAIL).message())
          .contains("(bucket b2) not logged")
          .doesNotContain("(bucket b1");
    }

    @Test
    void advancedOneBucketFailsWhenTheConfigNamesAnotherToo() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector(
                      "b1 objects",
                      S3_OBJECT,
                      fieldStartsWith("resources.ARN", "arn:aws:s3:::b1/"))));
      Finding f =
          accountFinding(runWithBuckets(List.of("b1", "b2"), t), S3_READ, MGMT, Status.FAIL);

      assertThat(f.message())
          .startsWith("S3 object-level read events for buckets b1, b2 are not logged")
          .contains("(bucket b2) not logged");
    }

    @Test
    void allBucketsPassesWhateverBucketsTheConfigNames() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3")));
      List<Finding> fs = runWithBuckets(List.of("b1", "b2"), t);

      assertThat(accountFinding(fs, S3_WRITE, MGMT, Status.PASS).message())
          .startsWith("S3 object-level write events for buckets b1, b2 are logged");
    }

    @Test
    void aKeyPrefixInsideTheConfiguredBucketFails() {
      Trail t = orgTrailWith(classicData("All", resource(S3_OBJECT, "arn:aws:s3:::b1/logs/")));
      Finding f = accountFinding(runWithBuckets(List.of("b1"), t), S3_WRITE, MGMT, Status.FAIL);

      assertThat(f.message())
          .contains("(bucket b1) only partly logged")
          .contains("starting with arn:aws:s3:::b1/logs/");
    }

    @Test
    void anEventNameNarrowedSelectorFails() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector(
                      "PutObject only",
                      S3_OBJECT,
                      fieldEquals("readOnly", "false"),
                      fieldEquals("eventName", "PutObject"))));
      Finding f = evaluate(S3_WRITE, Status.FAIL, t);

      assertThat(f.message())
          .contains("S3 object write events (all buckets) only partly logged")
          .contains("selector 'PutObject only' logs only eventName=PutObject");
      assertRemediatesOrgTrail(f, "S3 object writes");
    }

    @Test
    void anExcludedBucketFailsAllBuckets() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector(
                      "all but noisy",
                      S3_OBJECT,
                      new FieldSelector(
                          "resources.ARN",
                          null,
                          null,
                          null,
                          List.of("arn:aws:s3:::noisy/"),
                          null,
                          null))));
      Finding f = evaluate(S3_WRITE, Status.FAIL, t);

      assertThat(f.message()).contains("excludes resources.ARN starting with arn:aws:s3:::noisy/");
    }
  }

  // ---------------------------------------------------------------- lambda

  @Nested
  class Lambda {
    @Test
    void classicAllFunctionsPasses() {
      Trail t = orgTrailWith(classicData("All", resource(LAMBDA_FUNCTION, "arn:aws:lambda")));
      assertThat(evaluate(LAMBDA, Status.PASS, t).message())
          .isEqualTo(
              "Lambda invocations of all functions are logged by multi-region trail "
                  + ORG_TRAIL_LABEL);
    }

    @Test
    void advancedAllFunctionsPasses() {
      Trail t = orgTrailWith(advancedData(dataSelector("Lambda", LAMBDA_FUNCTION)));
      assertThat(evaluate(LAMBDA, Status.PASS, t).message()).endsWith(ORG_TRAIL_LABEL);
    }

    @Test
    void oneFunctionFails() {
      String fn = "arn:aws:lambda:us-east-1:" + MGMT + ":function:fn";
      Trail t = orgTrailWith(classicData("All", resource(LAMBDA_FUNCTION, fn)));
      Finding f = evaluate(LAMBDA, Status.FAIL, t);

      assertThat(f.message())
          .startsWith("Lambda invocations of all functions are not logged: org-trail: ")
          .contains(fn);
      assertRemediatesOrgTrail(f, "Lambda invocations");
      assertThat(f.remediation())
          .contains("{\"Field\":\"resources.type\",\"Equals\":[\"AWS::Lambda::Function\"]}");
    }

    @Test
    void writeOnlyFails() {
      Trail t = orgTrailWith(classicData("WriteOnly", resource(LAMBDA_FUNCTION, "arn:aws:lambda")));
      assertThat(evaluate(LAMBDA, Status.FAIL, t).message())
          .contains("event selector 2 logs only readOnly=false");
    }

    @Test
    void s3DataEventsDoNotCount() {
      Trail t = orgTrailWith(advancedData(dataSelector("S3", S3_OBJECT)));
      evaluate(LAMBDA, Status.FAIL, t);
    }
  }

  // ---------------------------------------------------------------- dynamodb

  @Nested
  class DynamoDb {
    @Test
    void classicAllTablesPasses() {
      Trail t = orgTrailWith(classicData("All", resource(DYNAMODB_TABLE, "arn:aws:dynamodb")));
      assertThat(evaluate(DYNAMODB, Status.PASS, t).message())
          .isEqualTo(
              "DynamoDB item reads and writes on all tables are logged by multi-region trail "
                  + ORG_TRAIL_LABEL);
    }

    @Test
    void advancedAllTablesPasses() {
      Trail t = orgTrailWith(advancedData(dataSelector("DynamoDB", DYNAMODB_TABLE)));
      assertThat(evaluate(DYNAMODB, Status.PASS, t).message()).endsWith(ORG_TRAIL_LABEL);
    }

    @Test
    void readOnlyFails() {
      Trail t =
          orgTrailWith(
              advancedData(
                  dataSelector("DynamoDB reads", DYNAMODB_TABLE, fieldEquals("readOnly", "true"))));
      Finding f = evaluate(DYNAMODB, Status.FAIL, t);

      assertThat(f.message())
          .startsWith("DynamoDB item reads and writes on all tables are not logged: org-trail: ")
          .contains("selector 'DynamoDB reads' logs only readOnly=true");
      assertRemediatesOrgTrail(f, "DynamoDB items");
    }

    @Test
    void oneTableFails() {
      String table = "arn:aws:dynamodb:us-east-1:" + MGMT + ":table/orders";
      Trail t = orgTrailWith(classicData("All", resource(DYNAMODB_TABLE, table)));
      assertThat(evaluate(DYNAMODB, Status.FAIL, t).message()).contains(table);
    }
  }

  // ---------------------------------------------------------------- which trails count

  @Nested
  class Trails {
    @Test
    void aSingleRegionTrailDoesNotCount() {
      Trail regional =
          withSelectors(regionalTrail(MGMT, US, "regional"), Observed.known(everything()));
      List<Finding> fs = run(account(MGMT, regional));

      for (String rule : List.of(S3_WRITE, S3_READ, LAMBDA, DYNAMODB)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message())
            .endsWith(
                "are not logged: no logging multi-region trail is visible from account " + MGMT);
        assertRemediationHasPlaceholders(f);
      }
    }

    @Test
    void aStoppedTrailDoesNotCount() {
      Trail t = withStatus(orgTrailWith(everything()), Observed.known(stopped()));
      Finding f = evaluate(S3_WRITE, Status.FAIL, t);

      assertThat(f.message())
          .isEqualTo(
              "S3 object-level write events for all buckets are not logged: no logging"
                  + " multi-region trail is visible from account "
                  + MGMT);
      assertRemediationHasPlaceholders(f);
    }

    @Test
    void noTrailAtAllFailsWithPlaceholders() {
      List<Finding> fs = run(account(MGMT));

      for (String rule : List.of(S3_WRITE, S3_READ, LAMBDA, DYNAMODB)) {
        Finding f = accountFinding(fs, rule, MGMT, Status.FAIL);
        assertThat(f.message())
            .endsWith("no logging multi-region trail is visible from account " + MGMT);
        assertRemediationHasPlaceholders(f);
      }
    }

    @Test
    void passesWhenOneOfSeveralMultiRegionTrailsLogsIt() {
      Trail full = withSelectors(multiRegionTrail("data"), Observed.known(everything()));
      Finding f = evaluate(S3_WRITE, Status.PASS, orgTrail(), full);

      assertThat(f.message()).endsWith("multi-region trail data (" + arn("data") + ")");
    }

    @Test
    void selectorsOfDifferentTrailsDoNotAddUp() {
      Trail writesB1 =
          orgTrailWith(classicData("WriteOnly", resource(S3_OBJECT, "arn:aws:s3:::b1/")));
      Trail writesB2 =
          withSelectors(
              multiRegionTrail("b2"),
              Observed.known(classicData("WriteOnly", resource(S3_OBJECT, "arn:aws:s3:::b2/"))));
      List<Finding> fs = runWithBuckets(List.of("b1", "b2"), writesB1, writesB2);

      Finding f = accountFinding(fs, S3_WRITE, MGMT, Status.FAIL);
      assertThat(f.message())
          .contains("org-trail: S3 object write events (bucket b2) not logged")
          .contains("b2: S3 object write events (bucket b1) not logged");
      assertRemediatesOrgTrail(f, "S3 object writes");
    }

    @Test
    void errorWhenSelectorsAreMissingFromTheSnapshot() {
      Trail t = withSelectors(orgTrail(), Observed.known(null));
      List<Finding> fs = run(account(MGMT, t));

      for (String rule : List.of(S3_WRITE, S3_READ, LAMBDA, DYNAMODB)) {
        assertThat(accountFinding(fs, rule, MGMT, Status.ERROR).message())
            .contains(
                "event selectors of trail "
                    + ORG_TRAIL_LABEL
                    + " are missing (null) in the snapshot");
      }
    }

    @Test
    void errorNotFailWhenAReadableTrailFailsButAnotherIsUnreadable() {
      Trail unreadable =
          withSelectors(multiRegionTrail("other"), denied("cloudtrail", "GetEventSelectors"));
      Finding f = evaluate(S3_WRITE, Status.ERROR, orgTrail(), unreadable);

      assertThat(f.message()).contains("event selectors of trail other (" + arn("other") + ")");
    }

    @Test
    void passNotErrorWhenAReadableTrailPassesAndAnotherIsUnreadable() {
      Trail unreadable =
          withSelectors(multiRegionTrail("other"), denied("cloudtrail", "GetEventSelectors"));
      evaluate(S3_WRITE, Status.PASS, unreadable, orgTrailWith(everything()));
    }

    @Test
    void anUnreadableSingleRegionTrailDoesNotMakeItAnError() {
      Trail regional =
          withSelectors(
              regionalTrail(MGMT, US, "regional"), denied("cloudtrail", "GetEventSelectors"));
      evaluate(S3_WRITE, Status.FAIL, orgTrail(), regional);
    }

    @Test
    void aMemberAccountUsesTheOwnersReadsOfTheOrganizationTrail() {
      Trail shadow =
          withSelectors(
              withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")),
              denied("cloudtrail", "GetEventSelectors"));
      List<Finding> fs = run(account(MGMT, orgTrailWith(everything())), account(MEMBER, shadow));

      assertThat(accountFinding(fs, S3_WRITE, MEMBER, Status.PASS).message())
          .endsWith(ORG_TRAIL_LABEL);
    }

    @Test
    void errorForAMemberAccountWhenTheOwnerIsNotAudited() {
      Trail shadow =
          withSelectors(
              withStatus(orgTrail(), denied("cloudtrail", "GetTrailStatus")),
              denied("cloudtrail", "GetEventSelectors"));
      Finding f = accountFinding(run(account(MEMBER, shadow)), S3_WRITE, MEMBER, Status.ERROR);

      assertThat(f.message())
          .contains("status of trail " + ORG_TRAIL_LABEL)
          .contains("organization trail owned by account " + MGMT);
    }
  }
}
