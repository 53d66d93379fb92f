package io.trailaudit.collect;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/** A WireMock server per test and real SDK clients pointed at it through {@link ClientFactory}. */
abstract class WireMockReaderTest {
  protected WireMockServer server;
  protected CallLog log;
  protected ClientFactory factory;
  private final List<ClientFactory> extraFactories = new ArrayList<>();

  @BeforeEach
  void startWireMock() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    log = new CallLog();
    factory = WireMockAws.factory(server, log);
  }

  @AfterEach
  void stopWireMock() {
    extraFactories.forEach(ClientFactory::close);
    factory.close();
    server.stop();
  }

  protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      AwsService<B, C> service) {
    return factory.client(service, "us-east-1", "test", WireMockAws.CREDENTIALS);
  }

  /** A client whose attempts time out after 200 ms (see {@link AwsWire#fastTimeouts}). */
  protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C impatient(
      AwsService<B, C> service) {
    ClientFactory fast = new ClientFactory(AwsWire.fastTimeouts(server), log);
    extraFactories.add(fast);
    return fast.client(service, "us-east-1", "test", WireMockAws.CREDENTIALS);
  }

  /**
   * A client for throttling tests. {@link WireMockAws#settings} already asks for standard retries
   * with a short backoff (the same retries of the same errors, without the adaptive rate limiter
   * that holds a fresh client for seconds after its first throttle); kept as its own client so a
   * test reads as what it exercises.
   */
  protected <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C standardRetries(
      AwsService<B, C> service) {
    ClientFactory standard = new ClientFactory(WireMockAws.settings(server), log);
    extraFactories.add(standard);
    return standard.client(service, "us-east-1", "test", WireMockAws.CREDENTIALS);
  }

  /** HTTP requests the server received, retries included. */
  protected int requests() {
    return server.getAllServeEvents().size();
  }
}
