package io.trailaudit.integrity;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of validating one trail's digests and log files over a window.
 *
 * @param foundStart the start of the range the valid digests cover (the requested start when the
 *     oldest covers it), as the AWS CLI reports it; null when no digest was valid
 * @param foundEnd the end of that range, never after the requested end; null when no digest was
 *     valid
 * @param gaps how many times the chain started over with older digests present
 * @param problems the first problems (every item that is not valid), in order
 * @param problemsOmitted how many more problems there were
 */
public record ValidationSummary(
    String trailArn,
    Instant requestedStart,
    Instant requestedEnd,
    Instant foundStart,
    Instant foundEnd,
    FileCounts digests,
    FileCounts logFiles,
    int gaps,
    List<ItemResult> problems,
    int problemsOmitted) {

  public ValidationSummary {
    problems = List.copyOf(problems);
  }

  /** Every digest and log file found is valid (also true when none was found, as the CLI says). */
  public boolean allValid() {
    return digests.valid() == digests.total() && logFiles.valid() == logFiles.total();
  }
}
