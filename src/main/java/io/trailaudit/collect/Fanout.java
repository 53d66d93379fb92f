package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads of one resource started together on an executor, and {@link #all} once every one is done.
 * Adding a read to a fan-out is one {@code read} line and one {@code join} where the record is
 * built. With a direct executor ({@code Runnable::run}) the reads are made one after the other, in
 * the order they are started.
 */
final class Fanout {
  private final Executor executor;
  private final List<CompletableFuture<?>> started = new ArrayList<>();

  Fanout(Executor executor) {
    this.executor = executor;
  }

  /** {@link Reads#read}, as a task. */
  <T> CompletableFuture<Observed<T>> read(String service, String operation, Supplier<T> call) {
    return task(() -> Reads.read(service, operation, call));
  }

  /** A read that makes its own {@link Observed} (several pages, a meaningful error), as a task. */
  <T> CompletableFuture<T> task(Supplier<T> read) {
    return add(CompletableFuture.supplyAsync(read, executor));
  }

  /** Work that needs the answer of an earlier read, started when that read is done. */
  <T, R> CompletableFuture<R> then(
      CompletableFuture<T> first, Function<T, CompletableFuture<R>> next) {
    return add(first.thenCompose(next));
  }

  /** Completes when every read started so far has (exceptionally if one failed with a bug). */
  CompletableFuture<Void> all() {
    synchronized (started) {
      return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }
  }

  private <T> CompletableFuture<T> add(CompletableFuture<T> f) {
    synchronized (started) {
      started.add(f);
    }
    return f;
  }
}
