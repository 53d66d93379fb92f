package io.trailaudit.checks.cloudwatchalerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailaudit.filterpattern.FilterPattern;
import java.util.Objects;

/**
 * A sample CloudTrail record of a monitoring topic, with the name findings use for it: its
 * eventName, plus a distinguishing field when another sample of the topic has the same eventName
 * (for example {@code ConsoleLogin (additionalEventData.MFAUsed=Yes)}).
 */
public record SampleEvent(String name, JsonNode event) {

  public SampleEvent {
    Objects.requireNonNull(name, "name");
    event = event.deepCopy();
  }

  /** A copy of the record, so the topic data cannot be changed through it. */
  @Override
  public JsonNode event() {
    return event.deepCopy();
  }

  public String eventName() {
    return event.path("eventName").asText();
  }

  boolean matchedBy(FilterPattern pattern) {
    return pattern.matches(event);
  }
}
