package io.trailaudit.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a bucket policy denies object deletion to everyone outside a break-glass list. {@code
 * deniedActions}/{@code notDeniedActions} split {@code s3:DeleteObject} and {@code
 * s3:DeleteObjectVersion}; {@code statements} are the Deny statements that count; {@code
 * widerExemptions} are exempted principal patterns not within the break-glass list; {@code
 * nearMisses} are Deny statements on deletion that do not count, and why.
 */
public record ObjectDeletionResult(
    String bucketName,
    List<String> deniedActions,
    List<String> notDeniedActions,
    List<StatementRef> statements,
    List<WideExemption> widerExemptions,
    List<NearMiss> nearMisses) {

  public ObjectDeletionResult {
    deniedActions = List.copyOf(deniedActions);
    notDeniedActions = List.copyOf(notDeniedActions);
    statements = List.copyOf(statements);
    widerExemptions = List.copyOf(widerExemptions);
    nearMisses = List.copyOf(nearMisses);
  }

  public boolean satisfied() {
    return notDeniedActions.isEmpty();
  }

  /** One sentence for a finding: what holds, or what is missing and why near misses failed. */
  public String explanation() {
    String objects = "arn:aws:s3:::" + bucketName + "/*";
    if (satisfied()) {
      return String.join(" and ", deniedActions)
          + " on "
          + objects
          + " denied to every principal outside the break-glass list by "
          + statements.stream().map(StatementRef::label).collect(Collectors.joining(", "));
    }
    String base =
        "no unconditional Deny of "
            + String.join(" and ", notDeniedActions)
            + " on "
            + objects
            + " for every principal outside the break-glass list";
    if (nearMisses.isEmpty()) {
      return base;
    }
    return base
        + "; not counted: "
        + nearMisses.stream().map(NearMiss::describe).collect(Collectors.joining("; "));
  }
}
