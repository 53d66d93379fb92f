package io.trailaudit.cli;

import io.trailaudit.collect.AwsSettings;
import io.trailaudit.integrity.ChainValidator;
import io.trailaudit.integrity.ObjectStore;
import io.trailaudit.integrity.PublicKeySource;
import io.trailaudit.integrity.ReadFailure;
import io.trailaudit.integrity.TrailLocation;
import io.trailaudit.integrity.ValidationSummary;
import io.trailaudit.model.Arns;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "validate-logs",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a trail's CloudTrail digest chain and every log file it lists, with the verdicts"
          + " of 'aws cloudtrail validate-logs', fetching and hashing log files concurrently.",
      "The digests of one region are validated: --region, or else the trail's home region."
    })
final class ValidateLogsCommand implements Callable<Integer> {
  /** The summary keeps this many problems; the output shows them all as they come. */
  private static final int MAX_PROBLEMS = 1000;

  private final Cli.Env env;

  @Mixin AwsOptions aws;

  @Option(
      names = "--trail-arn",
      required = true,
      paramLabel = "ARN",
      description = "The trail whose logs to validate.")
  String trailArn;

  @Option(
      names = "--start-time",
      required = true,
      paramLabel = "TIME",
      description =
          "Validate log files delivered on or after this UTC time (2026-11-20T00:00:00Z or a"
              + " date, 2026-11-20).")
  String startTime;

  @Option(
      names = "--end-time",
      paramLabel = "TIME",
      description = "Validate log files delivered on or before this time (default: now).")
  String endTime;

  @Option(
      names = "--s3-bucket",
      paramLabel = "BUCKET",
      description =
          "The bucket holding the digests, when not the trail's current one (default: from"
              + " DescribeTrails).")
  String s3Bucket;

  @Option(
      names = "--s3-prefix",
      paramLabel = "PREFIX",
      description = "The key prefix of the digests, with --s3-bucket.")
  String s3Prefix;

  @Option(
      names = "--account-id",
      paramLabel = "ID",
      description =
          "The account whose logs to validate (required for an organization trail: a member"
              + " account; default: the trail's owner).")
  String accountId;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ValidationOutput.Format format;

  @Option(names = "--verbose", description = "Also list every valid digest and log file.")
  boolean verbose;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "32",
      description =
          "Log files fetched and hashed at once (default: ${DEFAULT-VALUE}, for S3's"
              + " tens of milliseconds per request).")
  int concurrency;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  ValidateLogsCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!TrailLocation.isTrailArn(trailArn)) {
      throw new UsageException("Invalid trail ARN provided: " + trailArn);
    }
    Instant start = TimeArgument.parse("--start-time", startTime);
    Instant end =
        endTime == null
            ? env.clock().instant().truncatedTo(ChronoUnit.SECONDS)
            : TimeArgument.parse("--end-time", endTime);
    if (start.isAfter(end)) {
      throw new UsageException(
          "Invalid time range specified: start-time must occur before end-time");
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new UsageException("--concurrency must be between 1 and 256");
    }
    if (s3Prefix != null && s3Bucket == null) {
      throw new UsageException("--s3-prefix goes with --s3-bucket");
    }
    AwsSettings settings = aws.settings(env.variables());
    String homeRegion = Arns.region(trailArn);
    String sourceRegion = aws.region == null || aws.region.isBlank() ? homeRegion : aws.region;
    LiveValidation.Request request =
        new LiveValidation.Request(
            trailArn, s3Bucket, s3Prefix, accountId, homeRegion, sourceRegion, start, end);
    try {
      return LiveValidation.run(
          settings,
          request,
          (store, keys, location) ->
              execute(
                  env.out(),
                  env.err(),
                  format,
                  verbose,
                  concurrency,
                  store,
                  keys,
                  trailArn,
                  location,
                  start,
                  end));
    } catch (ReadFailure e) {
      return cannotRun(e);
    }
  }

  private int cannotRun(ReadFailure e) {
    env.err().println("trailaudit: validation could not run: " + e.reason());
    env.err().flush();
    return cannotRunCode(e);
  }

  /** AWS error codes that mean the credentials themselves are missing or not accepted. */
  private static final java.util.Set<String> CREDENTIAL_ERRORS =
      java.util.Set.of(
          "NoCredentials",
          "ExpiredToken",
          "ExpiredTokenException",
          "InvalidClientTokenId",
          "InvalidAccessKeyId",
          "UnrecognizedClientException",
          "SignatureDoesNotMatch",
          "InvalidToken");

  /**
   * A credentials problem is the user's to fix (2, as for audit and collect); anything else that
   * stopped validation (access denied, no public keys, an AWS error) means nothing could be
   * validated (3): never 1, which says the logs themselves are invalid or missing.
   */
  static int cannotRunCode(ReadFailure e) {
    return (CREDENTIAL_ERRORS.contains(e.errorCode()) ? ExitCode.USAGE : ExitCode.INCOMPLETE)
        .code();
  }

  /** Validates and prints; the exit code says whether everything found is valid. */
  static int execute(
      PrintWriter out,
      PrintWriter err,
      ValidationOutput.Format format,
      boolean verbose,
      int concurrency,
      ObjectStore store,
      PublicKeySource keys,
      String trailArn,
      TrailLocation location,
      Instant start,
      Instant end)
      throws InterruptedException {
    ValidationOutput output = ValidationOutput.of(format, out, err, verbose);
    output.start(trailArn, start, end);
    ValidationSummary summary;
    try {
      summary =
          new ChainValidator(store, keys, concurrency, MAX_PROBLEMS)
              .validate(trailArn, location, start, end, output);
    } catch (ReadFailure e) {
      out.flush();
      err.println("trailaudit: validation could not run: " + e.reason());
      err.flush();
      return cannotRunCode(e);
    }
    output.finish(summary);
    if (summary.digests().total() == 0) {
      out.flush();
      err.println(
          "trailaudit: validation could not run: no digest file was found for "
              + trailArn
              + " in the window, so no log file was validated");
      err.flush();
      return ExitCode.INCOMPLETE.code();
    }
    return exitCode(summary);
  }

  /** 0 when every digest and log file found is valid, else 1. */
  static int exitCode(ValidationSummary summary) {
    return summary.allValid() ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
  }
}
