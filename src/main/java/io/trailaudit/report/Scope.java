package io.trailaudit.report;

import java.time.Instant;
import java.util.List;

/**
 * What an audit covered.
 *
 * @param source {@code snapshot:PATH} or {@code live}
 * @param collectedAt when the data was collected
 * @param organizationId the organization, or null
 * @param accounts audited account ids
 * @param regions regions read
 * @param checks check ids that ran
 */
public record Scope(
    String source,
    Instant collectedAt,
    String organizationId,
    List<String> accounts,
    List<String> regions,
    List<String> checks) {
  public Scope {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
    checks = List.copyOf(checks);
  }
}
