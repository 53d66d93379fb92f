package io.trailaudit.checks.cloudwatchalerting;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names sample events: the eventName alone when it is unique within the topic, otherwise the
 * eventName and the first of a few telling fields whose value sets this sample apart from the
 * others of that name.
 */
final class SampleNaming {
  private static final List<String> DISTINGUISHING =
      List.of(
          "errorCode",
          "errorMessage",
          "eventSource",
          "userIdentity.type",
          "additionalEventData.MFAUsed",
          "responseElements.ConsoleLogin",
          "userIdentity.invokedBy",
          "eventType");

  private SampleNaming() {}

  /** Names for the events, in order. */
  static List<String> names(List<JsonNode> events) {
    Map<String, List<Integer>> byEventName = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      byEventName
          .computeIfAbsent(events.get(i).path("eventName").asText(), k -> new ArrayList<>())
          .add(i);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String eventName = events.get(i).path("eventName").asText();
      List<Integer> group = byEventName.get(eventName);
      names.add(group.size() == 1 ? eventName : eventName + " (" + detail(events, group, i) + ")");
    }
    return names;
  }

  private static String detail(List<JsonNode> events, List<Integer> group, int self) {
    // Prefer a field this sample has; fall back to one only the others have.
    for (boolean allowAbsent : new boolean[] {false, true}) {
      for (String field : DISTINGUISHING) {
        String value = value(events.get(self), field);
        if (value == null && !allowAbsent) {
          continue;
        }
        boolean unique = true;
        for (int other : group) {
          if (other != self && Objects.equals(value(events.get(other), field), value)) {
            unique = false;
            break;
          }
        }
        if (unique) {
          return value == null ? "no " + field : field + "=" + value;
        }
      }
    }
    return "sample " + (group.indexOf(self) + 1);
  }

  private static String value(JsonNode event, String dotted) {
    JsonNode n = event.at(JsonPointer.compile("/" + dotted.replace('.', '/')));
    return n.isValueNode() && !n.isNull() ? n.asText() : null;
  }
}
