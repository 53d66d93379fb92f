package io.trailaudit.collect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;

/**
 * Where a reader reads: with one principal's credentials in one region, each call a task in the
 * lane of its (principal, region, service).
 */
final class ReadScope {
  private final ClientFactory factory;
  private final Scheduler scheduler;
  private final Principal principal;
  private final String region;

  ReadScope(ClientFactory factory, Scheduler scheduler, Principal principal, String region) {
    this.factory = factory;
    this.scheduler = scheduler;
    this.principal = principal;
    this.region = region;
  }

  Principal principal() {
    return principal;
  }

  String region() {
    return region;
  }

  /** The same credentials in {@code other} region. */
  ReadScope in(String other) {
    return new ReadScope(factory, scheduler, principal, other);
  }

  <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
      AwsService<B, C> service) {
    return factory.client(service, region, principal.name(), principal.credentials());
  }

  /** The lane of the calls to {@code service}. */
  Executor lane(AwsService<?, ?> service) {
    return scheduler.lane(principal.name(), region, service.prefix());
  }

  /**
   * {@code work} as a task in the lane of {@code service}; an exception becomes {@code fallback}.
   */
  <T> CompletableFuture<T> read(
      AwsService<?, ?> service, Supplier<T> work, Function<Exception, T> fallback) {
    return async(lane(service), work, fallback);
  }

  static <T> CompletableFuture<T> async(
      Executor lane, Supplier<T> work, Function<Exception, T> fallback) {
    return CompletableFuture.supplyAsync(work, lane).exceptionally(e -> fallback.apply(cause(e)));
  }

  /** The exception a failed future completed with, unwrapped. */
  static Exception cause(Throwable e) {
    Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return c instanceof Exception x ? x : new RuntimeException(c);
  }
}
