package io.trailaudit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArnTest {

  @Test
  void aTrailArnHasEveryField() {
    Arn arn = Arn.parse("arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail").orElseThrow();

    assertThat(arn)
        .isEqualTo(new Arn("aws", "cloudtrail", "eu-west-1", "111122223333", "trail/org-trail"));
    assertThat(arn.resourceName()).isEqualTo("org-trail");
    assertThat(arn.is("cloudtrail", "trail")).isTrue();
    assertThat(arn.is("cloudtrail", "eventdatastore")).isFalse();
    assertThat(arn.is("kms", "trail")).isFalse();
  }

  @Test
  void theResourceKeepsItsColons() {
    Arn arn = Arn.parse("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:trail:*").get();

    assertThat(arn.partition()).isEqualTo("aws-us-gov");
    assertThat(arn.account()).isEqualTo("111122223333");
    assertThat(arn.resource()).isEqualTo("log-group:trail:*");
  }

  @Test
  void anS3ArnHasNoRegionOrAccountAndItsBucketIsItsName() {
    Arn arn = Arn.parse("arn:aws:s3:::trail-logs").get();

    assertThat(arn.region()).isEmpty();
    assertThat(arn.account()).isEmpty();
    assertThat(arn.resourceName()).isEqualTo("trail-logs");
  }

  @Test
  void aResourceEndingInASlashIsItsOwnName() {
    assertThat(Arn.parse("arn:aws:iam::111122223333:role/").get().resourceName())
        .isEqualTo("role/");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "not-an-arn",
        "alias/trail-key",
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "cloudtrail.amazonaws.com",
        "PendingConfirmation",
        "arn:aws:iam::111122223333",
        "ARN:aws:s3:::bucket",
        "xarn:aws:s3:::bucket"
      })
  void textThatIsNoArnIsNotParsed(String text) {
    assertThat(Arn.parse(text)).isEqualTo(Optional.empty());
    assertThat(Arn.isArn(text)).isFalse();
    assertThat(Arns.account(text)).isEmpty();
    assertThat(Arns.region(text)).isEmpty();
    assertThat(Arns.partition(text)).isEqualTo("aws");
  }

  @Test
  void printsBackAsItWasParsed() {
    String text = "arn:aws-cn:sns:cn-north-1:111122223333:alarms:6b0f-41";
    assertThat(Arn.parse(text).get()).hasToString(text);
    assertThat(Arn.role("aws-cn", "111122223333", "Audit"))
        .hasToString("arn:aws-cn:iam::111122223333:role/Audit");
  }

  @Test
  void shorthandsNameTheFields() {
    String key = "arn:aws-cn:kms:cn-north-1:111122223333:key/6f1c";
    assertThat(Arns.account(key)).isEqualTo("111122223333");
    assertThat(Arns.region(key)).isEqualTo("cn-north-1");
    assertThat(Arns.partition(key)).isEqualTo("aws-cn");
  }

  @Test
  void aLogGroupArnGivesTheGroupName() {
    assertThat(Arn.logGroupName("arn:aws:logs:us-east-1:111122223333:log-group:a/b:c:*"))
        .isEqualTo("a/b:c");
    assertThat(Arn.logGroupName("arn:aws:logs:us-east-1:111122223333:log-group:trail"))
        .isEqualTo("trail");
    assertThat(Arn.logGroupName("trail:*")).isEqualTo("trail");
    assertThat(Arn.logGroupName("arn:aws:s3:::bucket")).isEqualTo("arn:aws:s3:::bucket");
  }
}
