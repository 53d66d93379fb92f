package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** WireMock stubs in the AWS wire formats, and the response bodies under {@code /aws}. */
public final class AwsStubs {
  private AwsStubs() {}

  /** A response body from {@code src/test/resources/aws/<path>}. */
  public static String body(String path) {
    try (InputStream in = AwsStubs.class.getResourceAsStream("/aws/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource aws/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JSON 1.1 request, routed by {@code X-Amz-Target} (CloudTrail: {@code
   * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.X}).
   */
  public static MappingBuilder json11(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  /** A 200 response with the fixture {@code aws/<path>} as body. */
  public static ResponseDefinitionBuilder json11Body(String path) {
    return jsonFile(path);
  }

  /** An error as JSON 1.1 services send it. */
  public static ResponseDefinitionBuilder json11Error(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "8a5f9c1e-0000-4000-8000-000000000000")
        .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
  }

  public static String fixture(String path) {
    return body(path);
  }

  public static ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "b8e6f1a2-0000-4000-8000-000000000000")
        .withBody(body);
  }

  public static ResponseDefinitionBuilder jsonFile(String path) {
    return json(body(path));
  }

  public static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withHeader("x-amzn-RequestId", "b8e6f1a2-0000-4000-8000-000000000001")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** A query-protocol request (STS, EC2, SNS, CloudWatch): a form POST with {@code Action=X}. */
  public static MappingBuilder query(String action) {
    return post(urlEqualTo("/")).withRequestBody(matching("(^|.*&)Action=" + action + "(&.*|$)"));
  }

  public static ResponseDefinitionBuilder xml(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
        .withBody(body);
  }

  public static ResponseDefinitionBuilder xmlFile(String path) {
    return xml(body(path));
  }

  /** A query-protocol error ({@code ErrorResponse}). */
  public static ResponseDefinitionBuilder queryError(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withBody(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                + "<Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>"
                + "</ErrorResponse>");
  }

  /** A REST-XML error as S3 Control sends it: wrapped in {@code ErrorResponse}, unlike S3's. */
  public static ResponseDefinitionBuilder s3ControlError(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>Z2xvYmFsIGhvc3QgaWQ=</HostId></ErrorResponse>");
  }

  /** A REST-XML error as S3 sends it (no {@code ErrorResponse} wrapper). */
  public static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>Z2xvYmFsIGhvc3QgaWQ=</HostId></Error>");
  }
}
