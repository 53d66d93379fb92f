package io.trailaudit.selectors;

import static io.trailaudit.selectors.Sel.DATA;
import static io.trailaudit.selectors.Sel.MANAGEMENT;
import static io.trailaudit.selectors.Sel.NETWORK;
import static io.trailaudit.selectors.Sel.S3_OBJECTS;
import static io.trailaudit.selectors.Sel.adv;
import static io.trailaudit.selectors.Sel.eq;
import static io.trailaudit.selectors.Sel.evaluate;
import static io.trailaudit.selectors.Sel.resource;
import static io.trailaudit.selectors.Sel.sw;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.EventSelectors.EventSelector;
import io.trailaudit.selectors.Coverage.Level;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataCoverageTest {
  private static final String LAMBDA = "AWS::Lambda::Function";
  private static final String DYNAMO = "AWS::DynamoDB::Table";

  @Test
  void classicAllLambdaFunctions() {
    Coverage c =
        evaluate(Sel.dataOnly("All", resource(LAMBDA, "arn:aws:lambda"))).lambdaInvocations();

    assertThat(c.level()).isEqualTo(Level.FULL);
  }

  @Test
  void classicOneLambdaFunctionIsPartial() {
    Coverage c =
        evaluate(
                Sel.dataOnly(
                    "All", resource(LAMBDA, "arn:aws:lambda:us-east-1:111111111111:function:f")))
            .lambdaInvocations();

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void advancedAllLambdaFunctions() {
    Coverage c = evaluate(adv("lambda", DATA, eq("resources.type", LAMBDA))).lambdaInvocations();

    assertThat(c.level()).isEqualTo(Level.FULL);
  }

  @Test
  void advancedLambdaInOneRegionIsPartial() {
    Coverage c =
        evaluate(
                adv(
                    "lambda",
                    DATA,
                    eq("resources.type", LAMBDA),
                    sw("resources.ARN", "arn:aws:lambda:us-east-1:")))
            .lambdaInvocations();

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void s3SelectorLogsNoLambda() {
    assertThat(evaluate(adv("s3", DATA, S3_OBJECTS)).lambdaInvocations().level())
        .isEqualTo(Level.NONE);
  }

  @Test
  void classicAllDynamoDbTables() {
    SelectorEvaluator e = evaluate(Sel.dataOnly("All", resource(DYNAMO, "arn:aws:dynamodb")));

    assertThat(e.dynamoDbItems().level()).isEqualTo(Level.FULL);
  }

  @Test
  void classicReadOnlyDynamoDbHalf() {
    SelectorEvaluator e = evaluate(Sel.dataOnly("ReadOnly", resource(DYNAMO, "arn:aws:dynamodb")));

    assertThat(e.dynamoDbItems().level()).isEqualTo(Level.PARTIAL);
    assertThat(e.dynamoDbItems(ReadWrite.READ).level()).isEqualTo(Level.FULL);
    assertThat(e.dynamoDbItems(ReadWrite.WRITE).level()).isEqualTo(Level.NONE);
  }

  @Test
  void advancedAllDynamoDbTables() {
    assertThat(evaluate(adv("ddb", DATA, eq("resources.type", DYNAMO))).dynamoDbItems().level())
        .isEqualTo(Level.FULL);
  }

  @Test
  void advancedOneDynamoDbTableIsPartial() {
    Coverage c =
        evaluate(
                adv(
                    "ddb",
                    DATA,
                    eq("resources.type", DYNAMO),
                    eq("resources.ARN", "arn:aws:dynamodb:us-east-1:111111111111:table/t")))
            .dynamoDbItems(EnumSet.of(ReadWrite.READ, ReadWrite.WRITE));

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void anyResourceTypeByName() {
    SelectorEvaluator e = evaluate(adv("sns", DATA, eq("resources.type", "AWS::SNS::Topic")));

    assertThat(e.dataEvents("AWS::SNS::Topic", EnumSet.allOf(ReadWrite.class)).level())
        .isEqualTo(Level.FULL);
    assertThat(e.dataEvents("AWS::SQS::Queue", EnumSet.of(ReadWrite.READ)).level())
        .isEqualTo(Level.NONE);
  }

  @Test
  void managementOnlyHasNoDataEvents() {
    assertThat(evaluate(Sel.management("All")).hasDataEvents()).isFalse();
    assertThat(evaluate(adv("m", MANAGEMENT)).hasDataEvents()).isFalse();
  }

  @Test
  void networkActivityIsNotDataEvents() {
    assertThat(evaluate(adv("n", NETWORK, eq("eventSource", "kms.amazonaws.com"))).hasDataEvents())
        .isFalse();
  }

  @Test
  void classicDataResourceHasDataEvents() {
    EventSelector s =
        new EventSelector("All", true, null, List.of(resource(LAMBDA, "arn:aws:lambda")));

    assertThat(evaluate(s).hasDataEvents()).isTrue();
  }

  @Test
  void classicDataResourceWithoutValuesLogsNothing() {
    assertThat(evaluate(Sel.dataOnly("All", resource(LAMBDA))).hasDataEvents()).isFalse();
  }

  @Test
  void advancedDataSelectorHasDataEvents() {
    assertThat(evaluate(adv("s3", DATA, S3_OBJECTS, eq("eventName", "PutObject"))).hasDataEvents())
        .isTrue();
  }

  @Test
  void loggedResourceTypesFromClassicAndAdvanced() {
    assertThat(
            evaluate(
                    Sel.dataOnly(
                        "All",
                        resource("AWS::S3::Object", "arn:aws:s3"),
                        resource(LAMBDA, "arn:aws:lambda")))
                .loggedDataResourceTypes())
        .containsExactly(LAMBDA, "AWS::S3::Object");
    assertThat(
            evaluate(adv("m", MANAGEMENT), adv("ddb", DATA, eq("resources.type", DYNAMO)))
                .loggedDataResourceTypes())
        .containsExactly(DYNAMO);
  }

  @Test
  void typeOfASelectorLoggingNothingIsNotListed() {
    SelectorEvaluator e =
        evaluate(adv("none", DATA, S3_OBJECTS, eq("readOnly", "true"), eq("readOnly", "false")));

    assertThat(e.loggedDataResourceTypes()).isEmpty();
    assertThat(e.hasDataEvents()).isFalse();
  }
}
