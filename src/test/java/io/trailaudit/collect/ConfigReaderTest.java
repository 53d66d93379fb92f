package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.trailaudit.collect.AwsWire.fixture;
import static io.trailaudit.collect.AwsWire.json;
import static io.trailaudit.collect.AwsWire.jsonError;
import static io.trailaudit.collect.AwsWire.jsonOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.trailaudit.model.ConfigRecorder;
import io.trailaudit.model.ConfigRule;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RemediationConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConfigReaderTest extends WireMockReaderTest {
  private ConfigReader reader() {
    return new ConfigReader(client(AwsService.CONFIG));
  }

  private static MappingBuilder recordersCall() {
    return json("StarlingDoveService.DescribeConfigurationRecorders");
  }

  private static MappingBuilder statusCall() {
    return json("StarlingDoveService.DescribeConfigurationRecorderStatus");
  }

  private static MappingBuilder rulesCall() {
    return json("StarlingDoveService.DescribeConfigRules");
  }

  private static MappingBuilder remediationsCall() {
    return json("StarlingDoveService.DescribeRemediationConfigurations");
  }

  private void stubRecorder() {
    server.stubFor(
        recordersCall()
            .willReturn(jsonOk(fixture("config/describe-configuration-recorders.json"))));
    server.stubFor(
        statusCall()
            .willReturn(jsonOk(fixture("config/describe-configuration-recorder-status.json"))));
  }

  @Nested
  class Recorders {
    @Test
    void eachRecorderIsJoinedWithItsStatus() {
      stubRecorder();

      Observed<List<ConfigRecorder>> recorders = reader().recorders();

      assertThat(recorders.value())
          .containsExactly(
              new ConfigRecorder(
                  "default",
                  true,
                  true,
                  Observed.known(
                      new ConfigRecorder.Status(
                          true, "Success", null, Instant.ofEpochSecond(1_710_000_000))),
                  ConfigRecorder.ALL_SUPPORTED,
                  List.of(),
                  List.of(),
                  "CONTINUOUS",
                  null));
      assertThat(log.callsByOperation())
          .isEqualTo(
              Map.of(
                  "config:DescribeConfigurationRecorders",
                  1L,
                  "config:DescribeConfigurationRecorderStatus",
                  1L));
    }

    @Test
    void aRecorderOfSelectedTypesWhoseLastRecordingFailed() {
      server.stubFor(
          recordersCall()
              .willReturn(
                  jsonOk(fixture("config/describe-configuration-recorders-selected.json"))));
      server.stubFor(
          statusCall()
              .willReturn(
                  jsonOk(fixture("config/describe-configuration-recorder-status-selected.json"))));

      ConfigRecorder recorder = reader().recorders().value().get(0);

      assertThat(recorder.name()).isEqualTo("selected-types");
      assertThat(recorder.allSupported()).isFalse();
      assertThat(recorder.includeGlobalResourceTypes()).isFalse();
      assertThat(recorder.recordingStrategy()).isEqualTo(ConfigRecorder.INCLUSION);
      assertThat(recorder.resourceTypes())
          .containsExactly("AWS::CloudTrail::Trail", "AWS::S3::Bucket");
      assertThat(recorder.recordingFrequency()).isNull();
      assertThat(recorder.status().value())
          .isEqualTo(
              new ConfigRecorder.Status(
                  false, "Failure", "AccessDenied", Instant.ofEpochSecond(1_705_000_000)));
    }

    @Test
    void anExclusionRecorderAndAServiceLinkedRecorderKeepTheirRecordingGroups() {
      server.stubFor(
          recordersCall()
              .willReturn(
                  jsonOk(fixture("config/describe-configuration-recorders-exclusion.json"))));
      server.stubFor(
          statusCall()
              .willReturn(jsonOk(fixture("config/describe-configuration-recorder-status.json"))));

      List<ConfigRecorder> recorders = reader().recorders().value();

      assertThat(recorders).hasSize(2);
      ConfigRecorder mine = recorders.get(0);
      assertThat(mine.recordingStrategy()).isEqualTo(ConfigRecorder.EXCLUSION);
      assertThat(mine.excludedResourceTypes())
          .containsExactly("AWS::EC2::NetworkInterface", "AWS::IAM::Role");
      assertThat(mine.recordingFrequency()).isEqualTo("DAILY");
      assertThat(mine.serviceLinked()).isFalse();
      assertThat(mine.recordsGlobalIamTypes()).isFalse();
      ConfigRecorder linked = recorders.get(1);
      assertThat(linked.servicePrincipal()).isEqualTo("securityhub.amazonaws.com");
      assertThat(linked.serviceLinked()).isTrue();
      // The status call returned no status for the service-linked recorder: not invented.
      assertThat(linked.status().failure().errorCode()).isEqualTo("NotReturned");
    }

    @Test
    void configNeverSetUpIsAKnownEmptyListAndNoStatusIsAskedFor() {
      server.stubFor(
          recordersCall()
              .willReturn(jsonOk(fixture("config/describe-configuration-recorders-none.json"))));

      assertThat(reader().recorders()).isEqualTo(Observed.known(List.of()));
      assertThat(requests()).isEqualTo(1);
    }

    @Test
    void deniedRecordersAreUnavailableAsAWhole() {
      server.stubFor(
          recordersCall()
              .willReturn(
                  jsonError(
                      400,
                      "AccessDeniedException",
                      "User is not authorized to perform: config:DescribeConfigurationRecorders")));

      Observed<List<ConfigRecorder>> recorders = reader().recorders();

      assertThat(recorders.failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "config",
                  "DescribeConfigurationRecorders",
                  "AccessDeniedException",
                  "User is not authorized to perform: config:DescribeConfigurationRecorders"));
      assertThat(requests()).isEqualTo(1);
    }

    @Test
    void aDeniedStatusStaysOnTheStatus() {
      stubRecorder();
      server.stubFor(
          statusCall()
              .atPriority(1)
              .willReturn(jsonError(400, "AccessDeniedException", "status denied")));

      ConfigRecorder recorder = reader().recorders().value().get(0);

      assertThat(recorder.allSupported()).isTrue();
      assertThat(recorder.status().failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "config",
                  "DescribeConfigurationRecorderStatus",
                  "AccessDeniedException",
                  "status denied"));
    }

    @Test
    void aRecorderWithoutAStatusHasNoInventedOne() {
      server.stubFor(
          recordersCall()
              .willReturn(
                  jsonOk(fixture("config/describe-configuration-recorders-selected.json"))));
      server.stubFor(
          statusCall()
              .willReturn(jsonOk(fixture("config/describe-configuration-recorder-status.json"))));

      ConfigRecorder recorder = reader().recorders().value().get(0);

      assertThat(recorder.status().failure().errorCode()).isEqualTo("NotReturned");
      assertThat(recorder.status().failure().message()).contains("selected-types");
    }

    @Test
    void throttlingIsRetriedThenRead() {
      stubRecorder();
      AwsWire.firstThen(
          server,
          ConfigReaderTest::recordersCall,
          jsonError(400, "ThrottlingException", "Rate exceeded"),
          jsonOk(fixture("config/describe-configuration-recorders.json")));

      Observed<List<ConfigRecorder>> recorders =
          new ConfigReader(standardRetries(AwsService.CONFIG)).recorders();

      assertThat(recorders.value()).extracting(ConfigRecorder::name).containsExactly("default");
      assertThat(log.attempts()).isEqualTo(3);
    }

    @Test
    void aServerErrorOnTheStatusIsUnavailableAfterRetries() {
      stubRecorder();
      server.stubFor(
          statusCall().atPriority(1).willReturn(jsonError(500, "InternalFailure", "try later")));

      ConfigRecorder recorder = reader().recorders().value().get(0);

      assertThat(recorder.status().failure().errorCode()).isEqualTo("InternalFailure");
      assertThat(log.attempts()).isEqualTo(1 + 3);
    }

    @Test
    void aMalformedBodyIsUnavailable() {
      server.stubFor(recordersCall().willReturn(jsonOk("{\"ConfigurationRecorders\": [{")));

      assertThat(reader().recorders().failure().errorCode()).isEqualTo("ClientError");
    }
  }

  @Nested
  class Rules {
    @Test
    void allPagesAreRead() {
      server.stubFor(
          rulesCall().willReturn(jsonOk(fixture("config/describe-config-rules-page1.json"))));
      server.stubFor(
          rulesCall()
              .withRequestBody(matchingJsonPath("$.NextToken", equalTo("AAEAAV9zZWNvbmQtcGFnZQ==")))
              .atPriority(1)
              .willReturn(jsonOk(fixture("config/describe-config-rules-page2.json"))));

      Observed<List<ConfigRule>> rules = reader().rules();

      assertThat(rules.value())
          .containsExactly(
              new ConfigRule(
                  "cloudtrail-enabled",
                  "arn:aws:config:us-east-1:111111111111:config-rule/config-rule-aaaaaa",
                  "AWS",
                  "CLOUD_TRAIL_ENABLED",
                  "ACTIVE",
                  null),
              new ConfigRule(
                  "securityhub-multi-region-cloud-trail-enabled-1a2b3c",
                  "arn:aws:config:us-east-1:111111111111:config-rule/aws-service-rule/"
                      + "securityhub.amazonaws.com/config-rule-bbbbbb",
                  "AWS",
                  "MULTI_REGION_CLOUD_TRAIL_ENABLED",
                  "ACTIVE",
                  "securityhub.amazonaws.com"),
              new ConfigRule(
                  "custom-trail-tags",
                  "arn:aws:config:us-east-1:111111111111:config-rule/config-rule-cccccc",
                  "CUSTOM_LAMBDA",
                  "arn:aws:lambda:us-east-1:111111111111:function:trail-tags",
                  "DELETING",
                  null));
      assertThat(log.callsByOperation()).isEqualTo(Map.of("config:DescribeConfigRules", 2L));
    }

    @Test
    void deniedRulesAreUnavailable() {
      server.stubFor(
          rulesCall().willReturn(jsonError(400, "AccessDeniedException", "rules denied")));

      assertThat(reader().rules().failure())
          .isEqualTo(
              new Observed.Unavailable<>(
                  "config", "DescribeConfigRules", "AccessDeniedException", "rules denied"));
    }

    @Test
    void aTimeoutIsUnavailable() {
      server.stubFor(
          rulesCall()
              .willReturn(
                  jsonOk(fixture("config/describe-config-rules-page2.json")).withFixedDelay(400)));

      assertThat(new ConfigReader(impatient(AwsService.CONFIG)).rules().failure().errorCode())
          .isEqualTo("Timeout");
    }
  }

  @Nested
  class Remediations {
    private List<ConfigRule> rules(int count) {
      return IntStream.range(0, count)
          .mapToObj(
              i ->
                  new ConfigRule(
                      i == 0 ? "cloudtrail-enabled" : "rule-" + i,
                      null,
                      "AWS",
                      "X",
                      "ACTIVE",
                      null))
          .toList();
    }

    private String namesJson(List<ConfigRule> rules) {
      return rules.stream()
          .map(r -> "\"" + r.name() + "\"")
          .collect(Collectors.joining(",", "{\"ConfigRuleNames\":[", "]}"));
    }

    @Test
    void ruleNamesAreAskedTwentyFiveAtATime() {
      server.stubFor(
          remediationsCall()
              .willReturn(jsonOk(fixture("config/describe-remediation-configurations-none.json"))));
      server.stubFor(
          remediationsCall()
              .withRequestBody(matchingJsonPath("$.ConfigRuleNames[?(@ == 'cloudtrail-enabled')]"))
              .atPriority(1)
              .willReturn(jsonOk(fixture("config/describe-remediation-configurations.json"))));
      List<ConfigRule> rules = rules(30);

      Observed<List<RemediationConfiguration>> remediations = reader().remediations(rules);

      assertThat(remediations.value())
          .containsExactly(
              new RemediationConfiguration(
                  "cloudtrail-enabled", "SSM_DOCUMENT", "AWS-EnableCloudTrail", true));
      assertThat(log.callsByOperation())
          .isEqualTo(Map.of("config:DescribeRemediationConfigurations", 2L));
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(equalToJson(namesJson(rules.subList(0, 25)))));
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(equalToJson(namesJson(rules.subList(25, 30)))));
    }

    @Test
    void noRulesMeansNoCall() {
      assertThat(reader().remediations(List.of())).isEqualTo(Observed.known(List.of()));
      assertThat(requests()).isZero();
    }

    @Test
    void oneFailedBatchMakesTheWholeListUnavailable() {
      server.stubFor(
          remediationsCall()
              .willReturn(jsonOk(fixture("config/describe-remediation-configurations.json"))));
      server.stubFor(
          remediationsCall()
              .withRequestBody(matchingJsonPath("$.ConfigRuleNames[?(@ == 'rule-26')]"))
              .atPriority(1)
              .willReturn(jsonError(400, "AccessDeniedException", "denied")));

      Observed<List<RemediationConfiguration>> remediations = reader().remediations(rules(30));

      assertThat(remediations.failure().operation()).isEqualTo("DescribeRemediationConfigurations");
      assertThat(remediations.failure().errorCode()).isEqualTo("AccessDeniedException");
    }
  }
}
