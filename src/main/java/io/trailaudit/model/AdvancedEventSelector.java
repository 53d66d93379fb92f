package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Stream;

/** An advanced event selector: all its field selectors must match (AND). */
public record AdvancedEventSelector(String name, List<FieldSelector> fieldSelectors) {
  public AdvancedEventSelector {
    fieldSelectors = fieldSelectors == null ? List.of() : List.copyOf(fieldSelectors);
  }

  /**
   * One field condition; each operator list is null when not given. Values within one operator are
   * OR-ed, operators are AND-ed, as CloudTrail documents.
   */
  public record FieldSelector(
      String field,
      @JsonProperty("equals") List<String> equalsValues,
      List<String> notEquals,
      List<String> startsWith,
      List<String> notStartsWith,
      List<String> endsWith,
      List<String> notEndsWith) {
    /**
     * CloudTrail refuses a field selector without a value in some operator; read as "no condition",
     * one would widen the selector to events it never selected.
     */
    public FieldSelector {
      if (Stream.of(equalsValues, notEquals, startsWith, notStartsWith, endsWith, notEndsWith)
          .allMatch(l -> l == null || l.isEmpty())) {
        throw new IllegalArgumentException(
            "field selector \"" + field + "\" has no operator value: CloudTrail requires one");
      }
    }
  }
}
