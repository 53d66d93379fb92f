package io.trailaudit.selectors;

import io.trailaudit.model.EventSelectors.DataResource;
import io.trailaudit.model.EventSelectors.EventSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates classic event selectors to the advanced form: one selector for the management part and
 * one per data resource, each with the classic {@code ReadWriteType}.
 */
final class ClassicSelectors {
  private ClassicSelectors() {}

  static List<Selector> translate(List<EventSelector> classic) {
    List<Selector> out = new ArrayList<>();
    for (int i = 0; i < classic.size(); i++) {
      EventSelector s = classic.get(i);
      String label = "event selector " + (i + 1);
      Optional<Condition> readOnly = readOnly(s.readWriteType());
      if (s.includeManagementEvents()) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.equalTo(Fields.EVENT_CATEGORY, List.of(Fields.MANAGEMENT)));
        readOnly.ifPresent(conditions::add);
        if (!s.excludeManagementEventSources().isEmpty()) {
          conditions.add(
              Condition.notEqualTo(Fields.EVENT_SOURCE, s.excludeManagementEventSources()));
        }
        out.add(new Selector(label, conditions));
      }
      for (DataResource r : s.dataResources()) {
        // A data resource without values names no resource, so it logs nothing.
        if (r.type() == null || r.values().isEmpty()) {
          continue;
        }
        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.equalTo(Fields.EVENT_CATEGORY, List.of(Fields.DATA)));
        conditions.add(Condition.equalTo(Fields.RESOURCES_TYPE, List.of(r.type())));
        readOnly.ifPresent(conditions::add);
        conditions.add(arns(r));
        out.add(new Selector(label, conditions));
      }
    }
    return out;
  }

  private static Optional<Condition> readOnly(String readWriteType) {
    if (readWriteType == null || readWriteType.equals("All")) {
      return Optional.empty();
    }
    String value =
        switch (readWriteType) {
          case "ReadOnly" -> "true";
          case "WriteOnly" -> "false";
          // An unknown type matches neither value: never counted as logging anything.
          default -> readWriteType;
        };
    return Optional.of(Condition.equalTo(Fields.READ_ONLY, List.of(value)));
  }

  /**
   * S3 values are prefixes (DataResource docs). Other values are exact ARNs ("Lambda function ARNs
   * are exact"), except a bare service prefix such as {@code arn:aws:lambda}, which means every
   * resource of the type.
   */
  private static Condition arns(DataResource r) {
    if (r.type().equals("AWS::S3::Object")) {
      return Condition.startingWith(Fields.RESOURCES_ARN, r.values());
    }
    List<String> exact = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String v : r.values()) {
      if (v == null) {
        continue;
      }
      (isServicePrefix(v) ? prefixes : exact).add(v);
    }
    return Condition.selecting(Fields.RESOURCES_ARN, exact, prefixes);
  }

  /** {@code arn:<partition>:<service>} with nothing after, optionally a trailing colon. */
  private static boolean isServicePrefix(String v) {
    String[] parts = v.split(":", -1);
    return v.startsWith("arn:") && (parts.length == 3 || (parts.length == 4 && parts[3].isEmpty()));
  }
}
