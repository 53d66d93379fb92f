package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Requests and responses in the AWS wire protocols, for stubbing WireMock: JSON 1.1 (routed by
 * {@code X-Amz-Target}), REST-JSON, and the query protocol (form-encoded {@code Action=}, XML).
 * Response bodies live in {@code src/test/resources/aws/<service>/}.
 */
final class AwsWire {
  private AwsWire() {}

  /** A response body from {@code src/test/resources/aws/}. */
  static String fixture(String path) {
    try (InputStream in = AwsWire.class.getResourceAsStream("/aws/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture aws/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON 1.1 request: {@code POST /} with {@code X-Amz-Target: target}. */
  static MappingBuilder json(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  static ResponseDefinitionBuilder jsonOk(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "7f4b1c2e-0000-4000-8000-000000000001")
        .withBody(body);
  }

  /** A JSON 1.1 error: {@code {"__type": type, "message": message}}. */
  static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "7f4b1c2e-0000-4000-8000-000000000002")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** A REST-JSON error (Security Hub): the code in {@code x-amzn-ErrorType} and the body. */
  static ResponseDefinitionBuilder restJsonError(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", code)
        .withHeader("x-amzn-RequestId", "7f4b1c2e-0000-4000-8000-000000000003")
        .withBody("{\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"}");
  }

  static ResponseDefinitionBuilder restJsonOk(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-RequestId", "7f4b1c2e-0000-4000-8000-000000000004")
        .withBody(body);
  }

  /** A query-protocol request: a form-encoded {@code POST /} with {@code Action=action}. */
  static MappingBuilder query(String action) {
    return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
  }

  static ResponseDefinitionBuilder xmlOk(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
  }

  static final String CLOUDWATCH_XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  static final String SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

  /**
   * A query-protocol error: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>
   * <RequestId/></ErrorResponse>} in the service's namespace.
   */
  static ResponseDefinitionBuilder queryError(
      String xmlns, int status, String type, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            "<ErrorResponse xmlns=\""
                + xmlns
                + "\"><Error><Type>"
                + type
                + "</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error>"
                + "<RequestId>7f4b1c2e-0000-4000-8000-000000000005</RequestId></ErrorResponse>");
  }

  /** {@code name=value} as a form-encoded request body holds it. */
  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The first request to {@code request} gets {@code first}, every later one {@code then}. */
  static void firstThen(
      WireMockServer server,
      Supplier<MappingBuilder> request,
      ResponseDefinitionBuilder first,
      ResponseDefinitionBuilder then) {
    String scenario = "first-then-" + System.nanoTime();
    server.stubFor(
        request
            .get()
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(first)
            .willSetStateTo("answered"));
    server.stubFor(
        request.get().inScenario(scenario).whenScenarioStateIs("answered").willReturn(then));
  }

  /**
   * Settings with short timeouts for timeout tests: an attempt gives up after 200 ms, a call
   * (retries included) after 500 ms: stub a delay of 400 ms or more.
   */
  static AwsSettings fastTimeouts(WireMockServer server) {
    return new AwsSettings(
        null,
        "us-east-1",
        URI.create(server.baseUrl()),
        Map.of(),
        Duration.ofMillis(500),
        Duration.ofMillis(200),
        Duration.ofMillis(5));
  }
}
