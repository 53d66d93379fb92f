package io.trailaudit.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds every SDK client trailaudit uses, one per (service, region, credentials), with the same
 * rules: the read-only guard, the call log, adaptive retries, per-call and per-attempt timeouts,
 * endpoint overrides, one shared HTTP client (URL connection: the fastest to start) and one shared
 * timer thread pool for the timeouts.
 *
 * <p>The clients own nothing else, so a client dropped from the cache needs no closing: at most
 * {@link #MAX_CACHED} are kept (an organization of 1,000 accounts in 17 regions would otherwise
 * hold a hundred thousand), the oldest dropped first and built again if asked for.
 */
public final class ClientFactory implements AutoCloseable {
  /** Clients kept for reuse. */
  static final int MAX_CACHED = 2048;

  private final AwsSettings settings;
  private final CallLog callLog;
  private final SdkHttpClient http;
  private final boolean ownsHttp;
  private final ScheduledExecutorService timers;
  private final Map<String, Object> clients = new ConcurrentHashMap<>();
  private final Queue<String> built = new ConcurrentLinkedQueue<>();

  private final ReadOperations allowed;

  public ClientFactory(AwsSettings settings, CallLog callLog) {
    this(settings, callLog, ReadOperations.get());
  }

  /**
   * A factory whose clients allow only {@code allowed} ({@link ReadOperations#export()} for the
   * export). The URL-connection client cannot send PATCH (BatchUpdateFindings): the export, the
   * only user of another list, goes through java.net.http.
   */
  public ClientFactory(AwsSettings settings, CallLog callLog, ReadOperations allowed) {
    this(
        settings,
        callLog,
        allowed == ReadOperations.get()
            ? UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(settings.attemptTimeout())
                .build()
            : new JdkHttpClient(Duration.ofSeconds(10), settings.attemptTimeout()),
        true,
        allowed);
  }

  /** Clients that send through {@code http}, which the caller closes (benchmarks, tests). */
  public ClientFactory(AwsSettings settings, CallLog callLog, SdkHttpClient http) {
    this(settings, callLog, http, false, ReadOperations.get());
  }

  private ClientFactory(
      AwsSettings settings,
      CallLog callLog,
      SdkHttpClient http,
      boolean ownsHttp,
      ReadOperations allowed) {
    this.allowed = allowed;
    this.settings = settings;
    this.callLog = callLog;
    this.http = http;
    this.ownsHttp = ownsHttp;
    AtomicInteger n = new AtomicInteger();
    this.timers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "trailaudit-sdk-timer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public AwsSettings settings() {
    return settings;
  }

  public CallLog callLog() {
    return callLog;
  }

  /**
   * The client of {@code service} in {@code region} acting with {@code credentials}.
   *
   * @param principal names the credentials (an account id, "default"): clients are shared per
   *     principal, so two providers must not share a name
   */
  @SuppressWarnings("unchecked")
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      AwsService<B, C> service,
      String region,
      String principal,
      AwsCredentialsProvider credentials) {
    String key = service.prefix() + "|" + region + "|" + principal;
    Object cached = clients.get(key);
    if (cached != null) {
      return (C) cached;
    }
    Object client =
        clients.computeIfAbsent(
            key,
            k -> {
              built.add(k);
              return build(service, region, credentials);
            });
    while (clients.size() > MAX_CACHED) {
      String oldest = built.poll();
      if (oldest == null) {
        break;
      }
      clients.remove(oldest);
    }
    return (C) client;
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      AwsService<B, C> service, String region, AwsCredentialsProvider credentials) {
    B builder =
        service
            .builder()
            .get()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .addExecutionInterceptor(new ReadOnlyGuard(service.prefix(), allowed))
                    .addExecutionInterceptor(callLog.interceptor(service.prefix()))
                    .retryStrategy(retryStrategy())
                    .scheduledExecutorService(timers)
                    .apiCallTimeout(settings.callTimeout())
                    .apiCallAttemptTimeout(settings.attemptTimeout())
                    .build());
    boolean overridden = settings.endpoint(service.envName()).isPresent();
    settings.endpoint(service.envName()).ifPresent(builder::endpointOverride);
    service.customize().accept(builder, overridden);
    return builder.build();
  }

  private RetryStrategy retryStrategy() {
    if (settings.retryBackoff() == null) {
      return AwsRetryStrategy.forRetryMode(RetryMode.ADAPTIVE_V2);
    }
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(
            settings.retryBackoff(), settings.retryBackoff().multipliedBy(8));
    // Standard, not adaptive: with a fixed short backoff (tests, benchmarks) one throttle should
    // not rate-limit every later call of the client.
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }

  @Override
  public void close() {
    List<Object> all = new ArrayList<>(clients.values());
    clients.clear();
    for (Object c : all) {
      if (c instanceof SdkAutoCloseable closeable) {
        closeable.close();
      }
    }
    timers.shutdownNow();
    if (ownsHttp) {
      http.close();
    }
  }
}
