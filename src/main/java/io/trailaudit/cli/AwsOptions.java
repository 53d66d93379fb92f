package io.trailaudit.cli;

import io.trailaudit.collect.AwsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/** How to reach AWS, shared by the commands that call it (a picocli mixin). */
final class AwsOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Named profile from the AWS config files (default: the default credential chain).")
  String profile;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Home region, for global calls (Organizations, STS, account) and as the default"
              + " (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1).")
  String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "Send every call to this endpoint (LocalStack, moto, a VPC endpoint); without it"
              + " AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> apply. S3 then uses path-style"
              + " addressing.")
  String endpointUrl;

  @Option(
      names = "--call-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Give up on one API call after this long, retries included (default: 60).")
  int callTimeoutSeconds;

  @Option(
      names = "--attempt-timeout",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "Give up on one HTTP attempt after this long; it is retried (default: 20).")
  int attemptTimeoutSeconds;

  /** The settings these options and the environment describe; a bad value is a usage error. */
  AwsSettings settings(Map<String, String> environment) {
    if (callTimeoutSeconds <= 0 || attemptTimeoutSeconds <= 0) {
      throw new UsageException("--call-timeout and --attempt-timeout must be positive");
    }
    return new AwsSettings(
        profile,
        homeRegion(environment),
        endpoint(),
        environment,
        Duration.ofSeconds(callTimeoutSeconds),
        Duration.ofSeconds(attemptTimeoutSeconds));
  }

  private URI endpoint() {
    if (endpointUrl == null) {
      return null;
    }
    try {
      URI uri = new URI(endpointUrl);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new UsageException(
            "--endpoint-url: \"" + endpointUrl + "\" is not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException("--endpoint-url: " + e.getMessage());
    }
  }

  private String homeRegion(Map<String, String> environment) {
    if (region != null && !region.isBlank()) {
      return region.trim();
    }
    for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return profileRegion(environment).orElse("us-east-1");
  }

  private Optional<String> profileRegion(Map<String, String> environment) {
    String name = profile != null ? profile : environment.getOrDefault("AWS_PROFILE", "default");
    return Profiles.region(name);
  }

  /**
   * Reads the AWS config files. A class of its own so that parsing the command line (which loads
   * this mixin) loads no SDK class: only resolving a region does.
   */
  private static final class Profiles {
    static Optional<String> region(String name) {
      try {
        return ProfileFile.defaultProfileFile()
            .profile(name)
            .flatMap(p -> p.property(ProfileProperty.REGION));
      } catch (RuntimeException e) {
        // An unreadable config file is the credential chain's error to report, not ours.
        return Optional.empty();
      }
    }
  }
}
