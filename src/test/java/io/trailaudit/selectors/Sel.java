package io.trailaudit.selectors;

import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.AdvancedEventSelector.FieldSelector;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import java.util.List;

/** Terse builders for selectors in tests. */
final class Sel {
  private Sel() {}

  static FieldSelector eq(String field, String... values) {
    return new FieldSelector(field, List.of(values), null, null, null, null, null);
  }

  static FieldSelector ne(String field, String... values) {
    return new FieldSelector(field, null, List.of(values), null, null, null, null);
  }

  static FieldSelector sw(String field, String... values) {
    return new FieldSelector(field, null, null, List.of(values), null, null, null);
  }

  static FieldSelector nsw(String field, String... values) {
    return new FieldSelector(field, null, null, null, List.of(values), null, null);
  }

  static FieldSelector ew(String field, String... values) {
    return new FieldSelector(field, null, null, null, null, List.of(values), null);
  }

  static FieldSelector notEw(String field, String... values) {
    return new FieldSelector(field, null, null, null, null, null, List.of(values));
  }

  static AdvancedEventSelector adv(String name, FieldSelector... fields) {
    return new AdvancedEventSelector(name, List.of(fields));
  }

  static EventSelectors advanced(AdvancedEventSelector... selectors) {
    return new EventSelectors(null, List.of(selectors));
  }

  static EventSelectors classic(EventSelector... selectors) {
    return new EventSelectors(List.of(selectors), null);
  }

  static EventSelector management(String readWriteType, String... excludedSources) {
    return new EventSelector(readWriteType, true, List.of(excludedSources), null);
  }

  static EventSelector dataOnly(String readWriteType, DataResource... resources) {
    return new EventSelector(readWriteType, false, null, List.of(resources));
  }

  static DataResource resource(String type, String... values) {
    return new DataResource(type, List.of(values));
  }

  static SelectorEvaluator evaluate(AdvancedEventSelector... selectors) {
    return SelectorEvaluator.of(advanced(selectors));
  }

  static SelectorEvaluator evaluate(EventSelector... selectors) {
    return SelectorEvaluator.of(classic(selectors));
  }

  static final FieldSelector MANAGEMENT = eq("eventCategory", "Management");
  static final FieldSelector DATA = eq("eventCategory", "Data");
  static final FieldSelector NETWORK = eq("eventCategory", "NetworkActivity");
  static final FieldSelector S3_OBJECTS = eq("resources.type", "AWS::S3::Object");
}
