package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.Observed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event history of a snapshot, and the judgement of one subject's changes in it. */
final class History {
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);

  /** The call that ends a stop: paired to report the blind window. */
  private static final Map<String, String> RESTARTS =
      Map.of(
          "StopLogging", "StartLogging",
          "StopEventDataStoreIngestion", "StartEventDataStoreIngestion");

  private final FindingFactory f;
  private final Observed<List<EventHistory>> searched;
  private final ChangePrincipals allowed;

  History(FindingFactory f, Observed<List<EventHistory>> searched, ChangePrincipals allowed) {
    this.f = f;
    this.searched = searched;
    this.allowed = allowed;
  }

  Finding judge(Subject s) {
    Requirement req = s.requirement();
    if (!searched.isKnown()) {
      Observed.Unavailable<List<EventHistory>> u = searched.failure();
      if (Observed.NOT_COLLECTED.equals(u.errorCode())) {
        // Off on purpose (--history-days 0) or a snapshot from before the search: nothing failed.
        return f.notApplicable(
            req,
            s.resource(),
            "event history was not searched for changes to "
                + s.label()
                + " ("
                + u.message()
                + "): collect with --history-days N (1 to 90, default 90) to search it");
      }
      return f.error(req, s.resource(), "event history could not be searched: " + u.reason());
    }
    List<EventHistory> all = searched.value() == null ? List.of() : searched.value();
    Optional<EventHistory> h =
        all.stream()
            .filter(x -> s.account().equals(x.account()) && s.region().equals(x.region()))
            .filter(x -> x.eventNames().stream().anyMatch(s.eventNames()::contains))
            .findFirst();
    if (h.isEmpty()) {
      List<String> unplaced =
          all.stream()
              .filter(x -> x.account() == null || x.region() == null)
              .filter(x -> !x.events().isKnown())
              .map(x -> x.events().failure().reason())
              .distinct()
              .toList();
      return f.error(
          req,
          s.resource(),
          "the snapshot holds no event history search of account "
              + s.account()
              + " in "
              + s.region()
              + " for changes to "
              + s.label()
              + (unplaced.isEmpty() ? "" : ": " + String.join("; ", unplaced)));
    }
    EventHistory history = h.get();
    String searchedWhere =
        "account " + history.account() + " in " + history.region() + " (LookupEvents)";
    if (!history.events().isKnown()) {
      return f.error(
          req,
          s.resource(),
          "the event history of "
              + searchedWhere
              + " could not be read, so changes to "
              + s.label()
              + " are unknown: "
              + history.events().failure().reason());
    }
    List<String> missing =
        s.eventNames().stream().filter(n -> !history.eventNames().contains(n)).toList();
    List<ChangeEvent> events =
        (history.events().value() == null ? List.<ChangeEvent>of() : history.events().value())
            .stream()
                .filter(e -> s.touches(e))
                .sorted(Comparator.comparing(ChangeEvent::eventTime))
                .toList();
    List<String> denied = new ArrayList<>();
    List<String> accepted = new ArrayList<>();
    ChangeEvent first = null;
    for (ChangeEvent e : events) {
      if (!s.eventNames().contains(e.eventName())) {
        continue;
      }
      Optional<String> by = allowed.allowing(e.principal());
      if (by.isPresent()) {
        accepted.add(describe(e, events) + " (allowed by " + by.get() + ")");
      } else {
        denied.add(describe(e, events));
        first = first == null ? e : first;
      }
    }
    String window =
        days(history) + " days (" + history.windowStart() + " to " + history.windowEnd() + ")";
    String caveat =
        s.unknownWhy() == null ? "" : ". Every such event was counted: " + s.unknownWhy();
    if (first != null) {
      Map<String, String> args = new HashMap<>(s.args());
      args.put("eventId", String.valueOf(first.eventId()));
      args.put("eventRegion", history.region());
      args.put("resourceArn", s.resource().arn());
      return f.fail(
          req,
          s.variant(),
          s.resource(),
          denied.size()
              + " change(s) to "
              + s.label()
              + " by principals outside breakGlassPrincipals and"
              + " tamperEvidence.changePrincipals in the last "
              + window
              + ": "
              + String.join("; ", denied)
              + (accepted.isEmpty()
                  ? ""
                  : ". By allowed principals: " + String.join("; ", accepted))
              + caveat,
          args);
    }
    if (!missing.isEmpty()) {
      return f.error(
          req,
          s.resource(),
          "the event history of "
              + searchedWhere
              + " was not searched for "
              + String.join(", ", missing)
              + ", so changes to "
              + s.label()
              + " are not all known");
    }
    if (!accepted.isEmpty()) {
      return f.pass(
          req,
          s.resource(),
          s.label()
              + " was changed only by allowed principals in the last "
              + window
              + ": "
              + String.join("; ", accepted)
              + caveat);
    }
    return f.pass(
        req,
        s.resource(),
        "no "
            + String.join(", ", s.eventNames())
            + " on "
            + s.label()
            + " in the event history of "
            + searchedWhere
            + " over the last "
            + window
            + caveat);
  }

  /**
   * One change in words: who, when, from where, with what. A call that failed changed nothing but
   * is still an attempt, and is reported as one.
   */
  private static String describe(ChangeEvent e, List<ChangeEvent> events) {
    String who = principal(e.principal());
    String how =
        " by "
            + who
            + " from "
            + String.valueOf(e.sourceIpAddress())
            + " with "
            + agent(e.userAgent())
            + " in "
            + e.region();
    if (!e.succeeded()) {
      return "attempted "
          + e.eventName()
          + " "
          + DAY_TIME.format(e.eventTime())
          + how
          + ", which failed with "
          + e.errorCode()
          + ": nothing changed, but it is an attempt";
    }
    String restart = RESTARTS.get(e.eventName());
    if (restart == null) {
      return e.eventName() + " " + DAY_TIME.format(e.eventTime()) + how;
    }
    Optional<ChangeEvent> next =
        events.stream()
            .filter(x -> x.eventName().equals(restart) && x.succeeded())
            .filter(x -> x.eventTime().isAfter(e.eventTime()))
            .filter(x -> x.resources().stream().anyMatch(e.resources()::contains))
            .findFirst();
    String stopped = (restart.equals("StartLogging") ? "logging stopped " : "ingestion stopped ");
    if (next.isEmpty()) {
      return stopped + DAY_TIME.format(e.eventTime()) + how + ", not restarted";
    }
    Instant back = next.get().eventTime();
    boolean sameDay =
        DAY_TIME
            .format(back)
            .substring(0, 10)
            .equals(DAY_TIME.format(e.eventTime()).substring(0, 10));
    return stopped
        + DAY_TIME.format(e.eventTime())
        + how
        + ", restarted "
        + (sameDay ? TIME.format(back) : DAY_TIME.format(back))
        + (principal(next.get().principal()).equals(who)
            ? ""
            : " by " + principal(next.get().principal()))
        + ": "
        + minutes(Duration.between(e.eventTime(), back))
        + " unlogged";
  }

  private static String minutes(Duration d) {
    long m = d.toMinutes();
    return m >= 120 ? (m / 60) + " h " + (m % 60) + " min" : m + " min";
  }

  private static String principal(ChangeEvent.Caller c) {
    if (c.arn() != null) {
      return c.arn();
    }
    if (c.invokedBy() != null) {
      return c.invokedBy();
    }
    return c.type() == null ? "an unknown principal" : "a " + c.type() + " principal";
  }

  /** The product token of the user agent ({@code aws-cli/2.22.4}): the rest is platform detail. */
  private static String agent(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "no user agent";
    }
    // S3 records some agents in brackets: "[S3Console/0.4, aws-internal/3 ...]".
    String token = userAgent.strip().replaceFirst("^\\[", "").split("[ ,\\]]", 2)[0];
    return token.isEmpty() ? userAgent : token;
  }

  private static long days(EventHistory h) {
    return Math.max(1, Duration.between(h.windowStart(), h.windowEnd()).toDays());
  }
}
