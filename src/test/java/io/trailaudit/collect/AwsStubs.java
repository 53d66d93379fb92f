package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** WireMock stubs in the AWS JSON 1.1 protocol, with bodies from {@code src/test/resources/aws}. */
public final class AwsStubs {
  private AwsStubs() {}

  /** A request for {@code target} ({@code AWSOrganizationsV20161128.ListRoots}). */
  public static MappingBuilder json11(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  /** A 200 response with the fixture {@code aws/<path>} as body. */
  public static ResponseDefinitionBuilder json11Body(String path) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(fixture(path));
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
    try (InputStream in = AwsStubs.class.getResourceAsStream("/aws/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture aws/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
