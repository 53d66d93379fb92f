package io.trailaudit.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.Observed;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Resource;

/**
 * CloudTrail event history of one account and region ({@code LookupEvents}): one lookup per event
 * name (the API takes one lookup attribute per call), every page, each call through the (account,
 * region)'s {@link RateLimiter}: the API allows two lookups a second per account and region, and
 * throttling beyond that is retried by the SDK's retry policy.
 *
 * <p>Only events that name an audited resource are kept: in their {@code Resources} or anywhere in
 * the request parameters of the {@code CloudTrailEvent} (a JSON document inside the JSON response).
 * Names match exactly, or as the prefix of an ARN below them (a topic's subscription).
 */
public final class EventHistoryReader {
  private static final String SERVICE = "cloudtrail";
  private static final String OPERATION = "LookupEvents";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The documented limit: two {@code LookupEvents} a second per account and region. */
  public static final double LOOKUPS_PER_SECOND = 2;

  private final CloudTrailClient client;
  private final RateLimiter limiter;

  /**
   * @param client a client of the account and region to search
   * @param limiter that account and region's limiter, shared by every reader of it
   */
  public EventHistoryReader(CloudTrailClient client, RateLimiter limiter) {
    this.client = client;
    this.limiter = limiter;
  }

  /** A limiter at the documented rate, one call at a time. */
  public static RateLimiter limiter(RateLimiter.Ticker ticker) {
    return new RateLimiter(LOOKUPS_PER_SECOND, 1, ticker);
  }

  /**
   * Searches the history for {@code eventNames} between {@code start} and {@code end}, keeping the
   * events that name one of {@code resources}. A failed lookup makes the whole history unavailable,
   * naming the call and the event name: a partial history could hide the change that matters.
   */
  public EventHistory read(
      String account,
      String region,
      Instant start,
      Instant end,
      Collection<String> eventNames,
      Collection<String> resources) {
    List<String> names = List.copyOf(new LinkedHashSet<>(eventNames));
    Set<String> wanted = Set.copyOf(resources);
    List<ChangeEvent> found = new ArrayList<>();
    for (String name : names) {
      try {
        found.addAll(lookup(name, start, end, wanted));
      } catch (SdkException e) {
        Observed<List<ChangeEvent>> u = Reads.unavailable(SERVICE, OPERATION, e);
        return new EventHistory(
            account,
            region,
            start,
            end,
            names,
            sorted(wanted),
            Observed.unavailable(
                SERVICE,
                OPERATION,
                u.failure().errorCode(),
                "EventName=" + name + ": " + u.failure().message()));
      }
    }
    found.sort(
        Comparator.comparing(ChangeEvent::eventTime)
            .thenComparing(e -> e.eventId() == null ? "" : e.eventId()));
    return new EventHistory(
        account, region, start, end, names, sorted(wanted), Observed.known(List.copyOf(found)));
  }

  private List<ChangeEvent> lookup(String name, Instant start, Instant end, Set<String> wanted) {
    LookupAttribute byName =
        LookupAttribute.builder()
            .attributeKey(LookupAttributeKey.EVENT_NAME)
            .attributeValue(name)
            .build();
    List<ChangeEvent> kept = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      limiter.acquire();
      LookupEventsResponse page =
          client.lookupEvents(
              r ->
                  r.lookupAttributes(byName)
                      .startTime(start)
                      .endTime(end)
                      .maxResults(50)
                      .nextToken(next));
      for (Event e : page.events()) {
        ChangeEvent event = event(e, wanted);
        if (!event.resources().isEmpty()) {
          kept.add(event);
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return kept;
  }

  /** The event, with the audited resources it names (none: not ours). */
  static ChangeEvent event(Event e, Set<String> wanted) {
    JsonNode record = parse(e);
    Set<String> named = new LinkedHashSet<>();
    for (Resource r : e.resources()) {
      match(r.resourceName(), wanted, named);
    }
    JsonNode parameters = record.path("requestParameters");
    strings(parameters, s -> match(s, wanted, named));
    JsonNode identity = record.path("userIdentity");
    return new ChangeEvent(
        text(record, "eventID", e.eventId()),
        text(record, "eventName", e.eventName()),
        text(record, "eventSource", e.eventSource()),
        time(record, e),
        text(record, "awsRegion", null),
        text(record, "recipientAccountId", null),
        new ChangeEvent.Caller(
            text(identity, "type", null),
            text(identity, "arn", null),
            text(identity.path("sessionContext").path("sessionIssuer"), "arn", null),
            text(identity, "accountId", null),
            text(identity, "invokedBy", null)),
        text(record, "sourceIPAddress", null),
        text(record, "userAgent", null),
        text(record, "errorCode", null),
        List.copyOf(named),
        parameters.isObject() ? parameters(parameters) : Map.of());
  }

  private static JsonNode parse(Event e) {
    if (e.cloudTrailEvent() == null) {
      throw SdkClientException.create("event " + e.eventId() + " has no CloudTrailEvent");
    }
    try {
      JsonNode node = JSON.readTree(e.cloudTrailEvent());
      if (node == null || !node.isObject()) {
        throw SdkClientException.create(
            "the CloudTrailEvent of event " + e.eventId() + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException x) {
      throw SdkClientException.create(
          "the CloudTrailEvent of event "
              + e.eventId()
              + " is not JSON: "
              + x.getOriginalMessage());
    }
  }

  private static void match(String value, Set<String> wanted, Set<String> named) {
    if (value == null) {
      return;
    }
    for (String w : wanted) {
      if (value.equals(w) || value.startsWith(w + ":")) {
        named.add(w);
      }
    }
  }

  private static void strings(JsonNode node, java.util.function.Consumer<String> each) {
    if (node.isTextual()) {
      each.accept(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(child -> strings(child, each));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parameters(JsonNode node) {
    return JSON.convertValue(node, LinkedHashMap.class);
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    return v.isTextual() ? v.asText() : fallback;
  }

  private static Instant time(JsonNode record, Event e) {
    JsonNode v = record.path("eventTime");
    if (v.isTextual()) {
      try {
        return Instant.parse(v.asText());
      } catch (DateTimeParseException ignored) {
        // The lookup's own EventTime says the same to the second.
      }
    }
    if (e.eventTime() == null) {
      throw SdkClientException.create("event " + e.eventId() + " has no time");
    }
    return e.eventTime();
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
