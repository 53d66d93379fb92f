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

  private WireMockAws() {}

  /** Settings whose every endpoint is {@code server}, with short timeouts and retry delays. */
  public static AwsSettings settings(WireMockServer server) {
    return new AwsSettings(
        null,
        "us-east-1",
        URI.create(server.baseUrl()),
        Map.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        Duration.ofMillis(5));
  }

  public static ClientFactory factory(WireMockServer server, CallLog log) {
    return new ClientFactory(settings(server), log);
  }
}
