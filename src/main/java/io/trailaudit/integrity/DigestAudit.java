package io.trailaudit.integrity;

import io.trailaudit.collect.AwsService;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.model.Arns;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Trail;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code audit --verify-digests HOURS}: one call per trail that validates its digests and log files
 * over a window, for one (account, region) of its files, and returns the summary the snapshot
 * holds.
 */
public final class DigestAudit {
  /** Problems kept per trail in the snapshot: enough to act on, small enough to carry. */
  public static final int MAX_PROBLEMS = 20;

  private DigestAudit() {}

  /**
   * Validates {@code trail} between {@code start} and {@code end}. Never throws for an AWS failure:
   * when validation cannot run, the result is unavailable with the failed call.
   *
   * @param principal names {@code credentials} for {@link ClientFactory#client}
   */
  public static LogValidation validate(
      ClientFactory factory,
      AwsCredentialsProvider credentials,
      String principal,
      Trail trail,
      Instant start,
      Instant end,
      int concurrency) {
    return validate(
        factory,
        credentials,
        principal,
        trail,
        Arns.account(trail.arn()),
        trail.homeRegion(),
        start,
        end,
        concurrency);
  }

  /**
   * Validates the files {@code account} delivered through {@code trail} in {@code region} (for an
   * organization trail, {@code AWSLogs/o-…/ACCOUNT/}): one chain of digests per (account, region).
   */
  public static LogValidation validate(
      ClientFactory factory,
      AwsCredentialsProvider credentials,
      String principal,
      Trail trail,
      String account,
      String region,
      Instant start,
      Instant end,
      int concurrency) {
    Observed<LogValidation.Result> result;
    try {
      String organizationId =
          trail.isOrganizationTrail()
              ? TrailLookup.organizationId(
                  factory.client(
                      AwsService.ORGANIZATIONS,
                      factory.settings().homeRegion(),
                      principal,
                      credentials))
              : null;
      TrailLocation location =
          TrailLocation.of(
              trail.arn(),
              trail.s3BucketName(),
              trail.s3KeyPrefix(),
              organizationId,
              account,
              region);
      ValidationSummary summary =
          new ChainValidator(
                  // The bucket is read as before, from the home region; digests of each region are
                  // signed with that region's key pair, listed there.
                  new S3LogStore(
                      factory.client(AwsService.S3, trail.homeRegion(), principal, credentials)),
                  new CloudTrailPublicKeys(
                      factory.client(AwsService.CLOUDTRAIL, region, principal, credentials)),
                  concurrency,
                  MAX_PROBLEMS)
              .validate(trail.arn(), location, start, end, ValidationListener.NONE);
      result = Observed.known(toModel(summary));
    } catch (ReadFailure e) {
      result = Observed.unavailable(e.service(), e.operation(), e.errorCode(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result =
          Observed.unavailable("trailaudit", "validate-logs", "Interrupted", "validation stopped");
    }
    return new LogValidation(trail.arn(), account, region, start, end, result);
  }

  /** The snapshot's form of a summary. */
  public static LogValidation.Result toModel(ValidationSummary s) {
    List<LogValidation.Problem> problems =
        s.problems().stream()
            .map(
                p ->
                    new LogValidation.Problem(
                        p.kind() == ItemResult.Kind.DIGEST ? "digest" : "log",
                        p.s3Uri(),
                        p.verdict().name(),
                        p.verdict() == ItemResult.Verdict.NOT_FOUND ? "not found" : p.reason()))
            .toList();
    return new LogValidation.Result(
        s.foundStart(),
        s.foundEnd(),
        counts(s.digests()),
        counts(s.logFiles()),
        s.gaps(),
        problems,
        s.problemsOmitted());
  }

  private static LogValidation.Counts counts(FileCounts c) {
    return new LogValidation.Counts(c.valid(), c.invalid(), c.notFound(), c.unreadable());
  }
}
