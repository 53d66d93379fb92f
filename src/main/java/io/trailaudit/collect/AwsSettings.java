package io.trailaudit.collect;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * How to reach AWS: credentials profile, home region, endpoint overrides and timeouts.
 *
 * @param profile the named profile for credentials, or {@code null} for the default chain
 * @param homeRegion the region for global calls (Organizations, STS, account) and the default
 * @param endpointUrl {@code --endpoint-url}: overrides every service's endpoint, or {@code null}
 * @param environment the process environment, for {@code AWS_ENDPOINT_URL} and {@code
 *     AWS_ENDPOINT_URL_<SERVICE>}
 * @param callTimeout the limit for one API call, retries included
 * @param attemptTimeout the limit for one HTTP attempt
 * @param retryBackoff the base delay between retries with the standard retry strategy, or {@code
 *     null} for the SDK's adaptive strategy and delays (tests shorten them)
 */
public record AwsSettings(
    String profile,
    String homeRegion,
    URI endpointUrl,
    Map<String, String> environment,
    Duration callTimeout,
    Duration attemptTimeout,
    Duration retryBackoff) {

  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  public AwsSettings {
    Objects.requireNonNull(homeRegion, "homeRegion");
    environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
    attemptTimeout = attemptTimeout == null ? DEFAULT_ATTEMPT_TIMEOUT : attemptTimeout;
  }

  /** Settings with the SDK's retry backoff. */
  public AwsSettings(
      String profile,
      String homeRegion,
      URI endpointUrl,
      Map<String, String> environment,
      Duration callTimeout,
      Duration attemptTimeout) {
    this(profile, homeRegion, endpointUrl, environment, callTimeout, attemptTimeout, null);
  }

  public AwsSettings withRetryBackoff(Duration base) {
    return new AwsSettings(
        profile, homeRegion, endpointUrl, environment, callTimeout, attemptTimeout, base);
  }

  /**
   * The endpoint for a service, as the SDKs resolve it: {@code --endpoint-url}, then {@code
   * AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL}; none when {@code
   * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} and no {@code --endpoint-url} was given.
   *
   * @param envName the service's part of the variable name ({@code S3}, {@code CLOUDWATCH_LOGS})
   */
  public Optional<URI> endpoint(String envName) {
    if (endpointUrl != null) {
      return Optional.of(endpointUrl);
    }
    if ("true".equalsIgnoreCase(environment.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
      return Optional.empty();
    }
    String specific = environment.get("AWS_ENDPOINT_URL_" + envName.toUpperCase(Locale.ROOT));
    if (specific != null && !specific.isBlank()) {
      return Optional.of(URI.create(specific.trim()));
    }
    String global = environment.get("AWS_ENDPOINT_URL");
    if (global != null && !global.isBlank()) {
      return Optional.of(URI.create(global.trim()));
    }
    return Optional.empty();
  }

  /**
   * The credentials these settings name: the profile's, or the SDK's default chain. The caller
   * closes them when done (they may hold refreshing threads).
   */
  public AwsCredentialsProvider credentialsProvider() {
    return profile == null
        ? DefaultCredentialsProvider.builder().build()
        : ProfileCredentialsProvider.builder().profileName(profile).build();
  }
}
