package io.trailaudit.cli;

import ch.qos.logback.classic.Level;
import io.trailaudit.collect.AwsSettings;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.CollectRequest;
import io.trailaudit.collect.CollectionException;
import io.trailaudit.collect.Collector;
import io.trailaudit.collect.Progress;
import io.trailaudit.integrity.DigestAudit;
import io.trailaudit.model.Snapshot;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Reads the AWS estate the options name. Kept apart from the commands so that auditing a snapshot
 * file loads no SDK class.
 */
final class LiveCollection {
  private LiveCollection() {}

  /** What was collected, and how many calls it took. */
  record Result(Snapshot snapshot, long calls, long failures) {}

  static Result collect(Cli.Env env, AwsOptions aws, CollectOptions options) {
    AwsSettings settings = aws.settings(env.variables());
    CollectRequest request = options.request();
    if (options.verbose) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.trailaudit.collect.CallLog"))
          .setLevel(Level.DEBUG);
    }
    // The URL-connection client keeps at most http.maxConnections idle connections per host (5 by
    // default): below the concurrency, connections would be closed and opened again.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty(
          "http.maxConnections", Integer.toString(Math.max(5, request.concurrency())));
    }
    TerminalProgress progress =
        env.terminal() && !options.quiet ? new TerminalProgress(env.err()) : null;
    CallLog log = new CallLog();
    AwsCredentialsProvider credentials = settings.credentialsProvider();
    try (ClientFactory factory = new ClientFactory(settings, log)) {
      Snapshot snapshot =
          new Collector(
                  factory,
                  credentials,
                  env.clock(),
                  Version.get(),
                  progress == null ? Progress.NONE : progress,
                  DigestAudit::validate)
              .collect(request);
      return new Result(snapshot, log.calls(), log.failures());
    } catch (CollectionException e) {
      throw new UsageException(e.getMessage());
    } finally {
      if (progress != null) {
        progress.finish();
      }
      if (credentials instanceof SdkAutoCloseable c) {
        c.close();
      }
    }
  }

  /** One line on a terminal, rewritten in place at most ten times a second. */
  static final class TerminalProgress implements Progress {
    private final PrintWriter err;
    private long lastPrinted;
    private boolean printed;

    TerminalProgress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void update(Counts c) {
      long now = System.nanoTime();
      boolean last = c.accountsDone() == c.accountsTotal();
      if (!last && printed && now - lastPrinted < 100_000_000L) {
        return;
      }
      lastPrinted = now;
      printed = true;
      err.print(
          "\rcollecting: accounts "
              + c.accountsDone()
              + "/"
              + c.accountsTotal()
              + ", regions "
              + c.regionsDone()
              + "/"
              + c.regionsTotal()
              + ", "
              + c.calls()
              + " API calls, "
              + c.errors()
              + " error responses ");
      err.flush();
    }

    synchronized void finish() {
      if (printed) {
        err.println();
        err.flush();
      }
    }
  }
}
