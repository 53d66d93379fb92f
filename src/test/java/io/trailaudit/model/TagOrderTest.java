package io.trailaudit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maps that messages and reports list keep one order, whatever order they were read in. */
class TagOrderTest {
  private static Map<String, String> reversed() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : List.of("zeta", "theta", "eta", "epsilon", "delta", "gamma", "beta", "alpha")) {
      m.put(k, k.toUpperCase(java.util.Locale.ROOT));
    }
    return m;
  }

  @Test
  void lifecycleRuleTagsAreListedByKey() {
    Bucket.LifecycleRule rule =
        new Bucket.LifecycleRule(
            "r", "Enabled", null, reversed(), null, null, 30, null, null, null, null, null, null);
    assertThat(rule.tags().keySet())
        .containsExactly("alpha", "beta", "delta", "epsilon", "eta", "gamma", "theta", "zeta");
  }
}
