package io.trailaudit.cli;

import io.trailaudit.checks.CheckRunner;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads that need nothing from the parsed command line, started before picocli builds it: the
 * command line's model is read from annotations by reflection, a fifth of an offline audit's
 * start-up, while the checks' catalogue and the snapshot file are separate work for another core.
 * The snapshot is read ahead only when the arguments name a regular file after {@code --snapshot};
 * the command uses the read only when the parsed option names the same path, and otherwise reads
 * its own, so a guess that picocli parses differently costs one wasted read, never a wrong one.
 * Errors of either read surface where the command uses it, as when it reads itself.
 */
final class Prefetch {
  /** Nothing read ahead: each use reads then. */
  static final Prefetch NONE = new Prefetch(null, null, null);

  private static final List<String> CATALOG_COMMANDS = List.of("audit", "checks", "explain");

  private final CompletableFuture<CheckRunner> checks;
  private final Path snapshotPath;
  private final CompletableFuture<Snapshot> snapshot;

  private Prefetch(
      CompletableFuture<CheckRunner> checks,
      Path snapshotPath,
      CompletableFuture<Snapshot> snapshot) {
    this.checks = checks;
    this.snapshotPath = snapshotPath;
    this.snapshot = snapshot;
  }

  /** Starts the reads {@code args} will need; none for a command that needs neither. */
  static Prefetch start(String[] args) {
    if (args.length == 0 || !CATALOG_COMMANDS.contains(args[0])) {
      return NONE;
    }
    // The context class loader of this thread, as CheckRunner.discover would use it here.
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    CompletableFuture<CheckRunner> checks =
        CompletableFuture.supplyAsync(() -> CheckRunner.discover(loader), Prefetch::daemon);
    Path path = args[0].equals("audit") ? snapshotArgument(args) : null;
    if (path == null) {
      return new Prefetch(checks, null, null);
    }
    return new Prefetch(
        checks, path, CompletableFuture.supplyAsync(() -> Snapshots.read(path), Prefetch::daemon));
  }

  /** The checks on the class path, as {@link CheckRunner#discover()} finds them. */
  CheckRunner checks() {
    if (checks == null) {
      return CheckRunner.discover();
    }
    try {
      return checks.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The snapshot at {@code path} being read: ahead if it is the one prefetched, else from now. */
  CompletableFuture<Snapshot> snapshot(Path path) {
    if (snapshot != null && path.equals(snapshotPath)) {
      return snapshot;
    }
    return CompletableFuture.supplyAsync(() -> Snapshots.read(path));
  }

  /** The one value of {@code --snapshot} before any {@code --}, if it is a regular file. */
  static Path snapshotArgument(String[] args) {
    String value = null;
    int found = 0;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--snapshot") && i + 1 < args.length) {
        value = args[++i];
        found++;
      } else if (a.startsWith("--snapshot=")) {
        value = a.substring("--snapshot=".length());
        found++;
      }
    }
    if (found != 1) {
      return null;
    }
    try {
      Path path = Path.of(Objects.requireNonNull(value));
      return Files.isRegularFile(path) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A thread of its own: the common pool has one worker on two cores, busy with the checks. */
  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "trailaudit-prefetch");
    t.setDaemon(true);
    t.start();
  }

  /** Whether {@code path} is being read ahead. */
  boolean readsAhead(Path path) {
    return snapshot != null && path.equals(snapshotPath);
  }
}
