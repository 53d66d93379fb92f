package io.trailaudit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * CloudTrail event history ({@code LookupEvents}) searched in one account and region over a window,
 * by event name, for the audited resources that live there.
 *
 * @param account the account whose history was searched; null when the account of a resource to
 *     search for could not be told (its reads failed)
 * @param region the region searched; null when a resource's region could not be told
 * @param windowStart the start of the window searched ({@code StartTime})
 * @param windowEnd its end ({@code EndTime})
 * @param eventNames the event names looked up, one lookup (all pages) each
 * @param resources the names and ARNs of the resources an event had to name to be kept
 * @param events the events found that name one of {@code resources}, oldest first; unavailable when
 *     a lookup failed (for example AccessDenied on {@code cloudtrail:LookupEvents}) or the account
 *     could not be read
 */
public record EventHistory(
    String account,
    String region,
    Instant windowStart,
    Instant windowEnd,
    List<String> eventNames,
    List<String> resources,
    Observed<List<ChangeEvent>> events) {

  public EventHistory {
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    eventNames = eventNames == null ? List.of() : List.copyOf(eventNames);
    resources = resources == null ? List.of() : List.copyOf(resources);
    events = Observed.orNotCollected(events, "event history");
  }
}
