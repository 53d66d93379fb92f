package io.trailaudit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A trail's digest chain and log files validated over a window ({@code audit --verify-digests
 * HOURS}), as {@code trailaudit validate-logs} does it.
 *
 * @param account the account whose files were validated ({@code AWSLogs/[o-…/]ACCOUNT/}): for an
 *     organization trail each audited account is validated on its own; the trail's owner when a
 *     snapshot does not say
 * @param region the region whose digests were validated: each region the trail covers
 * @param result known when validation ran; unavailable when it could not (the digest listing or
 *     {@code cloudtrail:ListPublicKeys} failed, no public key for the window)
 */
public record LogValidation(
    String trailArn,
    String account,
    String region,
    Instant windowStart,
    Instant windowEnd,
    Observed<Result> result) {

  /** The validation of the trail owner's files in {@code region}. */
  public LogValidation(
      String trailArn,
      String region,
      Instant windowStart,
      Instant windowEnd,
      Observed<Result> result) {
    this(trailArn, null, region, windowStart, windowEnd, result);
  }

  public LogValidation {
    Objects.requireNonNull(trailArn, "trailArn");
    account = account == null ? Arns.account(trailArn) : account;
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    result = Observed.orNotCollected(result, "log validation result");
  }

  /**
   * What validation found.
   *
   * @param foundStart the start of the range the valid digests cover; null when none was valid
   * @param foundEnd its end; null when no digest was valid
   * @param gaps how many times CloudTrail started a new chain within the window (logging or
   *     validation was off for a while): not tampering, but a delivery gap, which {@code
   *     tamper-evidence/delivery-gaps} reports
   * @param problems the first files that are not valid
   * @param problemsOmitted how many more there were
   */
  public record Result(
      Instant foundStart,
      Instant foundEnd,
      Counts digestFiles,
      Counts logFiles,
      int gaps,
      List<Problem> problems,
      int problemsOmitted) {
    public Result {
      Objects.requireNonNull(digestFiles, "digestFiles");
      Objects.requireNonNull(logFiles, "logFiles");
      problems = problems == null ? List.of() : List.copyOf(problems);
    }
  }

  /**
   * Files by verdict.
   *
   * @param invalid modified, moved, badly signed or malformed
   * @param notFound deleted
   * @param unreadable could not be read (access denied, throttled, timed out): not verified
   */
  public record Counts(int valid, int invalid, int notFound, int unreadable) {
    public int total() {
      return valid + invalid + notFound + unreadable;
    }
  }

  /**
   * One file that is not valid.
   *
   * @param file {@code digest} or {@code log}
   * @param verdict {@code INVALID}, {@code NOT_FOUND} or {@code UNREADABLE}
   */
  public record Problem(String file, String s3Uri, String verdict, String reason) {}
}
