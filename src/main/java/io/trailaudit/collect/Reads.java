package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns one API call into an {@link Observed}: a failure becomes {@code Unavailable}, never lost.
 */
public final class Reads {
  private Reads() {}

  /**
   * Runs {@code call}; any SDK failure becomes {@code Unavailable(service, operation, code,
   * message)}. Readers catch the error shapes that carry meaning (NoSuchBucketPolicy …) inside
   * {@code call} and return their value.
   */
  public static <T> Observed<T> read(String service, String operation, Supplier<T> call) {
    try {
      return Observed.known(call.get());
    } catch (SdkException | UncheckedIOException e) {
      return unavailable(service, operation, e);
    }
  }

  /** The {@code Unavailable} that {@code e} means for {@code service:operation}. */
  public static <T> Observed<T> unavailable(String service, String operation, Exception e) {
    return Observed.unavailable(service, operation, errorCode(e), message(e));
  }

  /** The AWS error code, or a code of ours for failures with none (timeouts, bad responses). */
  public static String errorCode(Throwable e) {
    if (e instanceof AwsServiceException s) {
      AwsErrorDetails details = s.awsErrorDetails();
      if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
        return details.errorCode();
      }
      return "HTTP " + s.statusCode();
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return "Timeout";
    }
    if (e instanceof ReadOnlyGuard.RefusedOperationException) {
      return "RefusedByReadOnlyGuard";
    }
    if (noCredentials(e)) {
      return "NoCredentials";
    }
    if (e instanceof SdkClientException) {
      // The HTTP client's read timeout equals the attempt timeout: whichever fires first, it is
      // the same timeout.
      if (e.getCause() instanceof java.net.SocketTimeoutException
          || e.getCause() instanceof java.net.http.HttpTimeoutException) {
        return "Timeout";
      }
      return e.getCause() instanceof java.io.IOException ? "NetworkError" : "ClientError";
    }
    return e.getClass().getSimpleName();
  }

  /** The SDK's "Unable to load credentials from any of the providers in the chain ...". */
  private static boolean noCredentials(Throwable e) {
    return e instanceof SdkClientException
        && e.getMessage() != null
        && e.getMessage().startsWith("Unable to load credentials");
  }

  private static String message(Throwable e) {
    if (noCredentials(e)) {
      // The SDK lists every provider it tried with its own reason: one line says what to do.
      return "no AWS credentials found in the default chain (environment, profile, SSO, web"
          + " identity, container, instance metadata): set them or use --profile NAME";
    }
    if (e instanceof AwsServiceException s) {
      AwsErrorDetails details = s.awsErrorDetails();
      if (details != null && details.errorMessage() != null) {
        return details.errorMessage();
      }
    }
    String message = e.getMessage();
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
