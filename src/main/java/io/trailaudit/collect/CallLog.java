package io.trailaudit.collect;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Counts the API calls (and HTTP attempts, retries included) made through every client it is
 * attached to, and logs each call at DEBUG ({@code --verbose}): service, operation, region, status
 * and time. Never a header, body or credential.
 */
public final class CallLog {
  private static final Logger LOG = LoggerFactory.getLogger(CallLog.class);
  private static final ExecutionAttribute<Long> STARTED =
      new ExecutionAttribute<>("trailaudit.started");

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder failures = new LongAdder();

  /** The interceptor to attach to a client of {@code service} (IAM prefix). */
  public ExecutionInterceptor interceptor(String service) {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        calls
            .computeIfAbsent(
                service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                k -> new LongAdder())
            .increment();
      }

      @Override
      public void beforeTransmission(
          Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.increment();
      }

      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        log(attributes, Integer.toString(context.httpResponse().statusCode()));
      }

      @Override
      public void onExecutionFailure(
          Context.FailedExecution context, ExecutionAttributes attributes) {
        failures.increment();
        log(attributes, "failed: " + context.exception().getClass().getSimpleName());
      }

      private void log(ExecutionAttributes attributes, String outcome) {
        if (LOG.isDebugEnabled()) {
          Long started = attributes.getAttribute(STARTED);
          Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
          LOG.debug(
              "{}:{} {} {} {} ms",
              service,
              attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
              region == null ? "-" : region.id(),
              outcome,
              started == null ? "?" : (System.nanoTime() - started) / 1_000_000);
        }
      }
    };
  }

  /** Calls made, retries not counted. */
  public long calls() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** HTTP attempts, retries included. */
  public long attempts() {
    return attempts.sum();
  }

  /** Calls that ended in an exception (after retries). */
  public long failures() {
    return failures.sum();
  }

  /** {@code service:Operation} → number of calls, sorted. */
  public Map<String, Long> callsByOperation() {
    Map<String, Long> result = new TreeMap<>();
    calls.forEach((k, v) -> result.put(k, v.sum()));
    return result;
  }
}
