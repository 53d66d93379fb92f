package io.trailaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import java.util.List;

/** Picking findings out of a check's output in tests. */
public final class FindingLookup {
  private FindingLookup() {}

  /** The one finding of {@code ruleId} about {@code account}; fails the test unless exactly one. */
  public static Finding only(List<Finding> fs, String ruleId, String account) {
    List<Finding> matching =
        fs.stream().filter(f -> f.ruleId().equals(ruleId) && f.account().equals(account)).toList();
    assertThat(matching).as("%s findings for %s in %s", ruleId, account, fs).hasSize(1);
    return matching.get(0);
  }
}
