package io.trailaudit.collect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds every SDK client trailaudit uses, with the same rules: the read-only guard, the call log,
 * adaptive retries, per-call and per-attempt timeouts, endpoint overrides, one shared HTTP client
 * (URL connection: the fastest to start) and one shared timer thread pool for the timeouts.
 *
 * <p>One SDK client is built per (service, region), shared by every principal: building one costs
 * milliseconds of CPU (its interceptors and endpoint rules are looked up on the class path each
 * time), which per (account, region, service) dominated the client CPU of an organization's audit.
 * {@link #client} hands out a view of the shared client that sets the principal's credentials on
 * every request ({@code AwsRequestOverrideConfiguration.credentialsProvider}); the shared client's
 * own provider refuses to sign, so a request that bypassed the view fails instead of going out with
 * someone else's credentials.
 */
public final class ClientFactory implements AutoCloseable {
  private final AwsSettings settings;
  private final CallLog callLog;
  private final SdkHttpClient http;
  private final boolean ownsHttp;
  private final ScheduledExecutorService timers;
  private final Map<String, Object> clients = new ConcurrentHashMap<>();

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
   * The client of {@code service} in {@code region} acting with {@code credentials}: a view of the
   * (service, region) client that signs each request with them.
   *
   * @param principal names the credentials (an account id, "default"), for messages
   */
  public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      AwsService<B, C> service,
      String region,
      String principal,
      AwsCredentialsProvider credentials) {
    Objects.requireNonNull(credentials, "credentials of " + principal);
    C shared =
        service
            .type()
            .cast(
                clients.computeIfAbsent(
                    service.prefix() + "|" + region, k -> build(service, region)));
    return service
        .type()
        .cast(
            Proxy.newProxyInstance(
                service.type().getClassLoader(),
                new Class<?>[] {service.type()},
                new SignedAs(shared, credentials)));
  }

  /**
   * Builds the client of {@code service} in {@code region} now, if it is not built yet: building
   * one costs milliseconds of CPU (more while the JVM is cold), which a collection pays ahead of
   * the first call instead of on its critical path.
   */
  public void prepare(AwsService<?, ?> service, String region) {
    prepareTyped(service, region);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void prepareTyped(
      AwsService<B, C> service, String region) {
    clients.computeIfAbsent(service.prefix() + "|" + region, k -> build(service, region));
  }

  /** How many SDK clients were built: one per (service, region), whatever the principals. */
  int built() {
    return clients.size();
  }

  /** Calls the shared client with every request signed by one principal's credentials. */
  private record SignedAs(Object shared, AwsCredentialsProvider credentials)
      implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "client of " + shared + " signed as " + credentials;
        };
      }
      if (method.getName().equals("close") && method.getParameterCount() == 0) {
        return null; // the factory owns the shared client
      }
      Object first = args == null || args.length == 0 ? null : args[0];
      if (first instanceof AwsRequest request) {
        Object[] signed = args.clone();
        signed[0] = signedAs(request);
        return call(method, signed);
      }
      // Every method of an SDK client interface is a default one; the consumer-builder and
      // no-request overloads build their request and call back the request-taking method, through
      // this view. The rest (utilities, configuration) are answered by the shared client.
      if (first instanceof Consumer
          || (first == null
              && (SdkResponse.class.isAssignableFrom(method.getReturnType())
                  || Iterable.class.isAssignableFrom(method.getReturnType())))) {
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(shared, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private AwsRequest signedAs(AwsRequest request) {
      AwsRequestOverrideConfiguration.Builder o =
          request
              .overrideConfiguration()
              .map(AwsRequestOverrideConfiguration::toBuilder)
              .orElseGet(AwsRequestOverrideConfiguration::builder);
      return request.toBuilder()
          .overrideConfiguration(o.credentialsProvider(credentials).build())
          .build();
    }
  }

  /** The shared clients' own provider: every request must carry its principal's credentials. */
  private static final AwsCredentialsProvider UNSIGNED =
      () -> {
        throw new IllegalStateException(
            "a request went to AWS without its principal's credentials (a bug: please report it)");
      };

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      AwsService<B, C> service, String region) {
    B builder =
        service
            .builder()
            .get()
            .region(Region.of(region))
            .credentialsProvider(UNSIGNED)
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
