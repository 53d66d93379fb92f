package io.trailaudit.collect;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Real SDK clients, built by {@link ClientFactory}, talking to a WireMock server. */
public final class WireMockAws {
  public static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTEST", "secret-test"));

  /**
   * Short enough that a timeout test stays fast; an attempt must still outlast a cold JVM's first
   * request on a loaded 2-core machine, or retries make request counts flaky.
   */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(2000);

  private WireMockAws() {}

  /** Settings whose every endpoint is {@code server}, with short timeouts and retry delays. */
  public static AwsSettings settings(WireMockServer server) {
    return settings(server.baseUrl());
  }

  public static AwsSettings settings(String baseUrl) {
    return new AwsSettings(
        null,
        "us-east-1",
        URI.create(baseUrl),
        Map.of(),
        CALL_TIMEOUT,
        ATTEMPT_TIMEOUT,
        Duration.ofMillis(5));
  }

  public static ClientFactory factory(WireMockServer server, CallLog log) {
    return new ClientFactory(settings(server), log);
  }

  public static ClientFactory factory(String baseUrl, CallLog log) {
    return new ClientFactory(settings(baseUrl), log);
  }
}
