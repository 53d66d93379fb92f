package io.trailaudit.selectors;

import static io.trailaudit.selectors.ReadWrite.READ;
import static io.trailaudit.selectors.ReadWrite.WRITE;
import static io.trailaudit.selectors.Sel.DATA;
import static io.trailaudit.selectors.Sel.S3_OBJECTS;
import static io.trailaudit.selectors.Sel.adv;
import static io.trailaudit.selectors.Sel.eq;
import static io.trailaudit.selectors.Sel.evaluate;
import static io.trailaudit.selectors.Sel.ew;
import static io.trailaudit.selectors.Sel.ne;
import static io.trailaudit.selectors.Sel.notEw;
import static io.trailaudit.selectors.Sel.nsw;
import static io.trailaudit.selectors.Sel.resource;
import static io.trailaudit.selectors.Sel.sw;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.selectors.Coverage.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3CoverageTest {
  private static final List<String> ALL = List.of();

  private static SelectorEvaluator classicS3(String readWriteType, String... values) {
    return evaluate(Sel.dataOnly(readWriteType, resource("AWS::S3::Object", values)));
  }

  private static Level level(SelectorEvaluator e, ReadWrite rw, String... buckets) {
    return e.s3Objects(rw, List.of(buckets)).level();
  }

  @Test
  void classicAllBucketsLogsReadAndWrite() {
    SelectorEvaluator e = classicS3("All", "arn:aws:s3");

    assertThat(level(e, READ)).isEqualTo(Level.FULL);
    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
  }

  @Test
  void classicAllBucketsWithTrailingColonsLogsAll() {
    assertThat(level(classicS3("All", "arn:aws:s3:::"), READ)).isEqualTo(Level.FULL);
  }

  @Test
  void classicOneBucketIsPartialForAllAndFullForIt() {
    SelectorEvaluator e = classicS3("All", "arn:aws:s3:::b1/");

    assertThat(level(e, WRITE)).isEqualTo(Level.PARTIAL);
    assertThat(e.s3Objects(WRITE, ALL).explanation())
        .contains("logs only resources.ARN starting with arn:aws:s3:::b1/");
    assertThat(level(e, WRITE, "b1")).isEqualTo(Level.FULL);
    assertThat(level(e, WRITE, "b2")).isEqualTo(Level.NONE);
  }

  @Test
  void namedBucketsNotCoveredAreReported() {
    Coverage c = classicS3("All", "arn:aws:s3:::b1/").s3Objects(READ, List.of("b1", "b2"));

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation())
        .startsWith("S3 object read events (bucket b2) not logged")
        .doesNotContain("bucket b1");
  }

  @Test
  void bucketsWithTheSameOutcomeShareOneSentence() {
    Coverage c = classicS3("All", "arn:aws:s3:::b1/").s3Objects(READ, List.of("b1", "b2", "b3"));

    assertThat(c.explanation())
        .isEqualTo(
            "S3 object read events (bucket b2, bucket b3) not logged"
                + " (event selector 1 logs only resources.ARN starting with arn:aws:s3:::b1/)");
  }

  @Test
  void classicObjectPrefixIsPartialForTheBucket() {
    assertThat(level(classicS3("All", "arn:aws:s3:::b1/images/"), READ, "b1"))
        .isEqualTo(Level.PARTIAL);
  }

  @Test
  void classicWriteOnlyDoesNotPassRead() {
    SelectorEvaluator e = classicS3("WriteOnly", "arn:aws:s3");

    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
    assertThat(level(e, READ)).isEqualTo(Level.NONE);
  }

  @Test
  void classicManagementSelectorLogsNoObjects() {
    assertThat(level(evaluate(Sel.management("All")), READ)).isEqualTo(Level.NONE);
  }

  @Test
  void advancedAllObjectsLogsBoth() {
    SelectorEvaluator e = evaluate(adv("s3", DATA, S3_OBJECTS));

    assertThat(level(e, READ)).isEqualTo(Level.FULL);
    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
  }

  @Test
  void advancedWriteOnlyDoesNotPassRead() {
    SelectorEvaluator e = evaluate(adv("S3 writes", DATA, S3_OBJECTS, eq("readOnly", "false")));

    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
    assertThat(e.s3Objects(READ, ALL))
        .isEqualTo(
            new Coverage(
                Level.NONE,
                "S3 object read events (all buckets) not logged"
                    + " (selector 'S3 writes' logs only readOnly=false)"));
  }

  @Test
  void readAndWriteSelectorsAddUp() {
    SelectorEvaluator e =
        evaluate(
            adv("r", DATA, S3_OBJECTS, eq("readOnly", "true")),
            adv("w", DATA, S3_OBJECTS, eq("readOnly", "false")));

    assertThat(level(e, READ)).isEqualTo(Level.FULL);
    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
  }

  @Test
  void advancedStartsWithOneBucket() {
    SelectorEvaluator e =
        evaluate(adv("b1", DATA, S3_OBJECTS, sw("resources.ARN", "arn:aws:s3:::b1/")));

    assertThat(level(e, READ, "b1")).isEqualTo(Level.FULL);
    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
    assertThat(level(e, READ, "b2")).isEqualTo(Level.NONE);
  }

  @Test
  void startsWithWithoutSlashCoversEveryBucketItPrefixes() {
    SelectorEvaluator e =
        evaluate(adv("b*", DATA, S3_OBJECTS, sw("resources.ARN", "arn:aws:s3:::b")));

    assertThat(level(e, READ, "b1", "b2")).isEqualTo(Level.FULL);
    assertThat(level(e, READ, "c1")).isEqualTo(Level.NONE);
    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
  }

  @Test
  void notStartsWithOneBucket() {
    SelectorEvaluator e =
        evaluate(adv("not b2", DATA, S3_OBJECTS, nsw("resources.ARN", "arn:aws:s3:::b2/")));

    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
    assertThat(e.s3Objects(READ, ALL).explanation())
        .contains("excludes resources.ARN starting with arn:aws:s3:::b2/");
    assertThat(level(e, READ, "b1")).isEqualTo(Level.FULL);
    assertThat(level(e, READ, "b2")).isEqualTo(Level.NONE);
  }

  @Test
  void notStartsWithWithoutSlashAlsoExcludesLongerBucketNames() {
    SelectorEvaluator e =
        evaluate(adv("not b2", DATA, S3_OBJECTS, nsw("resources.ARN", "arn:aws:s3:::b2")));

    assertThat(level(e, READ, "b20")).isEqualTo(Level.NONE);
  }

  @Test
  void excludedBucketLoggedByAnotherSelectorAddsUp() {
    SelectorEvaluator e =
        evaluate(
            adv("not b2", DATA, S3_OBJECTS, nsw("resources.ARN", "arn:aws:s3:::b2/")),
            adv("b2", DATA, S3_OBJECTS, sw("resources.ARN", "arn:aws:s3:::b2/")));

    assertThat(level(e, READ)).isEqualTo(Level.FULL);
    assertThat(e.s3Objects(READ, ALL).explanation()).contains("'not b2'", "'b2'");
  }

  @Test
  void notEqualsOneObjectIsPartialForItsBucketOnly() {
    SelectorEvaluator e =
        evaluate(adv("s3", DATA, S3_OBJECTS, ne("resources.ARN", "arn:aws:s3:::b1/secret.txt")));

    assertThat(level(e, READ, "b1")).isEqualTo(Level.PARTIAL);
    assertThat(level(e, READ, "b2")).isEqualTo(Level.FULL);
  }

  @Test
  void endsWithIsPartial() {
    SelectorEvaluator e = evaluate(adv("logs", DATA, S3_OBJECTS, ew("resources.ARN", ".log")));

    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
    assertThat(e.s3Objects(READ, ALL).explanation())
        .contains("logs only resources.ARN ending with .log");
  }

  @Test
  void notEndsWithIsPartialEvenForOneBucket() {
    SelectorEvaluator e = evaluate(adv("no tmp", DATA, S3_OBJECTS, notEw("resources.ARN", ".tmp")));

    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
    assertThat(level(e, READ, "b1")).isEqualTo(Level.PARTIAL);
  }

  @Test
  void selectOperatorsAreOredAcrossOperators() {
    SelectorEvaluator e =
        evaluate(
            adv(
                "mixed",
                DATA,
                S3_OBJECTS,
                new io.trailaudit.model.AdvancedEventSelector.FieldSelector(
                    "resources.ARN",
                    List.of("arn:aws:s3:::b1/one"),
                    null,
                    List.of("arn:aws:s3:::b2/"),
                    null,
                    null,
                    null)));

    assertThat(level(e, READ, "b2")).isEqualTo(Level.FULL);
    assertThat(level(e, READ, "b1")).isEqualTo(Level.PARTIAL);
  }

  @Test
  void eventNameEqualsIsPartial() {
    Coverage c =
        evaluate(adv("puts", DATA, S3_OBJECTS, eq("eventName", "PutObject", "DeleteObject")))
            .s3Objects(WRITE, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("limits eventName to PutObject, DeleteObject");
  }

  @Test
  void excludedEventNameLoggedByAnotherSelectorAddsUp() {
    SelectorEvaluator e =
        evaluate(
            adv("no deletes", DATA, S3_OBJECTS, ne("eventName", "DeleteObject")),
            adv("deletes", DATA, S3_OBJECTS, eq("eventName", "DeleteObject")));

    assertThat(level(e, WRITE)).isEqualTo(Level.FULL);
  }

  @Test
  void userIdentityExclusionIsPartial() {
    Coverage c =
        evaluate(
                adv(
                    "no scanner",
                    DATA,
                    S3_OBJECTS,
                    nsw("userIdentity.arn", "arn:aws:sts::1:assumed-role/scanner")))
            .s3Objects(READ, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void consoleSessionFilterIsPartial() {
    SelectorEvaluator e =
        evaluate(adv("s3", DATA, S3_OBJECTS, ne("sessionCredentialFromConsole", "true")));

    assertThat(level(e, READ)).isEqualTo(Level.PARTIAL);
  }

  @Test
  void eventTypeExclusionIsPartial() {
    Coverage c =
        evaluate(adv("s3", DATA, S3_OBJECTS, ne("eventType", "AwsServiceEvent")))
            .s3Objects(READ, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("excludes eventType AwsServiceEvent");
  }

  @Test
  void missingEventCategoryIsNeverFull() {
    Coverage c = evaluate(adv("no category", S3_OBJECTS)).s3Objects(READ, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("'no category' has no eventCategory field selector");
  }

  @Test
  void missingResourceTypeIsNeverFull() {
    Coverage c = evaluate(adv("no type", DATA)).s3Objects(READ, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("has no resources.type field selector");
  }

  @Test
  void unknownFieldIsNeverFull() {
    Coverage c =
        evaluate(adv("s3", DATA, S3_OBJECTS, eq("bucketRegion", "us-east-1"))).s3Objects(READ, ALL);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("unrecognized field 'bucketRegion'");
  }

  @Test
  void otherPartitionArnsDoNotCoverThisPartition() {
    SelectorEvaluator e =
        SelectorEvaluator.of(
            Sel.advanced(adv("s3", DATA, S3_OBJECTS, sw("resources.ARN", "arn:aws:s3:::"))),
            "aws-cn");

    assertThat(e.s3Objects(READ, ALL).level()).isEqualTo(Level.NONE);
  }

  @Test
  void classicAllBucketsInOwnPartition() {
    SelectorEvaluator e =
        SelectorEvaluator.of(
            Sel.classic(Sel.dataOnly("All", resource("AWS::S3::Object", "arn:aws-cn:s3"))),
            "aws-cn");

    assertThat(e.s3Objects(READ, ALL).level()).isEqualTo(Level.FULL);
  }
}
