package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.trailaudit.collect.AwsStubs.body;
import static io.trailaudit.collect.AwsStubs.query;
import static io.trailaudit.collect.AwsStubs.xmlFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.trailaudit.model.Observed;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegionsReaderTest {
  @RegisterExtension
  static WireMockExtension aws =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private ClientFactory factory;
  private RegionsReader reader;

  @BeforeEach
  void setUp() {
    factory = WireMockAws.factory(aws.baseUrl(), new CallLog());
    reader =
        new RegionsReader(
            factory.client(AwsService.ACCOUNT, "us-east-1", "test", WireMockAws.CREDENTIALS),
            factory.client(AwsService.EC2, "us-east-1", "test", WireMockAws.CREDENTIALS));
  }

  @AfterEach
  void tearDown() {
    factory.close();
  }

  /** The Account API is REST-JSON: the error type travels in a header. */
  static ResponseDefinitionBuilder restJsonError(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", type)
        .withBody("{\"message\":\"" + message + "\"}");
  }

  static ResponseDefinitionBuilder restJson(String path) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body(path));
  }

  @Test
  void listsEnabledRegionsOnEveryPage() {
    aws.stubFor(
        post(urlEqualTo("/listRegions"))
            .withRequestBody(
                equalToJson("{\"RegionOptStatusContains\":[\"ENABLED\",\"ENABLED_BY_DEFAULT\"]}"))
            .willReturn(restJson("account/list-regions-page1.json")));
    aws.stubFor(
        post(urlEqualTo("/listRegions"))
            .withRequestBody(containing("\"NextToken\":\"regions-page-2\""))
            .willReturn(restJson("account/list-regions-page2.json")));

    assertThat(reader.enabledRegions())
        .isEqualTo(Observed.known(List.of("af-south-1", "eu-west-1", "us-east-1")));
    aws.verify(2, postRequestedFor(urlEqualTo("/listRegions")));
    aws.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void fallsBackToEc2WhenTheAccountApiIsDenied() {
    aws.stubFor(
        post(urlEqualTo("/listRegions"))
            .willReturn(
                restJsonError(
                    403,
                    "AccessDeniedException",
                    "User is not authorized to perform: account:ListRegions")));
    aws.stubFor(
        query("DescribeRegions")
            .withRequestBody(containing("AllRegions=false"))
            .willReturn(xmlFile("ec2/describe-regions.xml")));

    assertThat(reader.enabledRegions())
        .isEqualTo(Observed.known(List.of("ap-east-1", "us-west-2")));
  }

  @Test
  void whenBothFailTheEc2FailureSaysWhatTheAccountApiSaid() {
    aws.stubFor(
        post(urlEqualTo("/listRegions"))
            .willReturn(restJsonError(403, "AccessDeniedException", "not authorized")));
    aws.stubFor(
        query("DescribeRegions")
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml;charset=UTF-8")
                    .withBody(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                            + "<Code>UnauthorizedOperation</Code><Message>You are not authorized"
                            + " to perform this operation.</Message></Error></Errors>"
                            + "<RequestID>ed6bd7c5-0000-4000-8000-000000000000</RequestID>"
                            + "</Response>")));

    Observed<List<String>> regions = reader.enabledRegions();

    assertThat(regions.failure().service()).isEqualTo("ec2");
    assertThat(regions.failure().operation()).isEqualTo("DescribeRegions");
    assertThat(regions.failure().errorCode()).isEqualTo("UnauthorizedOperation");
    assertThat(regions.failure().message())
        .isEqualTo(
            "You are not authorized to perform this operation.; before it,"
                + " account:ListRegions failed: AccessDeniedException (not authorized)");
  }
}
