package io.trailaudit.checks.tamperevidence;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.Observed;
import io.trailaudit.model.TamperEvents;
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
    Map<String, String> values = new HashMap<>();
    values.put("subject", s.label());
    values.put("account", String.valueOf(s.account()));
    values.put("region", String.valueOf(s.region()));
    if (!searched.isKnown()) {
      Observed.Unavailable<List<EventHistory>> u = searched.failure();
      if (Observed.NOT_COLLECTED.equals(u.errorCode())) {
        // Off on purpose (--history-days 0) or a snapshot from before the search: nothing failed.
        values.put("reason", String.valueOf(u.message()));
        return f.notApplicable(req, s.resource(), message("not-collected"), values);
      }
      values.put("reason", String.valueOf(u.reason()));
      return f.error(req, s.resource(), message("unsearched"), values);
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
      values.put("reasons", String.join("; ", unplaced));
      values.put("unplaced", unplaced.isEmpty() ? "" : f.text(req, message("unplaced"), values));
      return f.error(req, s.resource(), message("no-search"), values);
    }
    EventHistory history = h.get();
    if (!history.events().isKnown()) {
      values.put("reason", String.valueOf(history.events().failure().reason()));
      return f.error(req, s.resource(), message("unreadable"), values);
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
        Map<String, String> change =
            Map.of("change", describe(req, e, events), "allowedBy", by.get());
        accepted.add(f.text(req, message("allowed"), change));
      } else {
        denied.add(describe(req, e, events));
        first = first == null ? e : first;
      }
    }
    values.put("days", String.valueOf(days(history)));
    values.put("windowStart", history.windowStart().toString());
    values.put("windowEnd", history.windowEnd().toString());
    values.put("accepted", String.join("; ", accepted));
    values.put("unknownWhy", String.valueOf(s.unknownWhy()));
    values.put("caveat", s.unknownWhy() == null ? "" : f.text(req, message("caveat"), values));
    if (first != null) {
      values.putAll(s.args());
      values.put("eventId", String.valueOf(first.eventId()));
      values.put("eventRegion", history.region());
      values.put("resourceArn", s.resource().arn());
      values.put("count", String.valueOf(denied.size()));
      values.put("denied", String.join("; ", denied));
      values.put("byAllowed", accepted.isEmpty() ? "" : f.text(req, message("by-allowed"), values));
      return f.fail(req, s.variant(), s.resource(), message("fail"), values);
    }
    if (!missing.isEmpty()) {
      values.put("missing", String.join(", ", missing));
      return f.error(req, s.resource(), message("not-all-searched"), values);
    }
    if (!accepted.isEmpty()) {
      return f.pass(req, s.resource(), message("pass-allowed"), values);
    }
    values.put("eventNames", String.join(", ", s.eventNames()));
    return f.pass(req, s.resource(), message("pass"), values);
  }

  /**
   * One change in words: who, when, from where, with what. A call that failed changed nothing but
   * is still an attempt, and is reported as one. Only a trail or event data store change is a stop
   * with a restart, so only trail-changes has the templates of a stop.
   */
  private String describe(Requirement req, ChangeEvent e, List<ChangeEvent> events) {
    String who = principal(req, e.principal());
    Map<String, String> values = new HashMap<>();
    values.put("eventName", String.valueOf(e.eventName()));
    values.put("eventTime", DAY_TIME.format(e.eventTime()));
    values.put("caller", who);
    values.put("sourceIp", String.valueOf(e.sourceIpAddress()));
    values.put("agent", agent(req, e.userAgent()));
    values.put("recordedIn", String.valueOf(e.region()));
    if (!e.succeeded()) {
      values.put("errorCode", String.valueOf(e.errorCode()));
      return f.text(req, message("attempt"), values);
    }
    Optional<String> restart = TamperEvents.restartOf(e.eventName());
    if (restart.isEmpty()) {
      return f.text(req, message("change"), values);
    }
    Optional<ChangeEvent> next =
        events.stream()
            .filter(x -> x.eventName().equals(restart.get()) && x.succeeded())
            .filter(x -> x.eventTime().isAfter(e.eventTime()))
            .filter(x -> x.resources().stream().anyMatch(e.resources()::contains))
            .findFirst();
    if (next.isEmpty()) {
      values.put("restarted", f.text(req, message("not-restarted"), values));
    } else {
      Instant back = next.get().eventTime();
      boolean sameDay =
          DAY_TIME
              .format(back)
              .substring(0, 10)
              .equals(DAY_TIME.format(e.eventTime()).substring(0, 10));
      String restarter = principal(req, next.get().principal());
      values.put("restartTime", sameDay ? TIME.format(back) : DAY_TIME.format(back));
      values.put("restarter", restarter);
      values.put(
          "restartedBy", restarter.equals(who) ? "" : f.text(req, message("restarted-by"), values));
      values.put("blind", minutes(req, Duration.between(e.eventTime(), back)));
      values.put("restarted", f.text(req, message("restarted"), values));
    }
    boolean logging = restart.get().equals("StartLogging");
    return f.text(req, message(logging ? "logging-stopped" : "ingestion-stopped"), values);
  }

  private String minutes(Requirement req, Duration d) {
    long m = d.toMinutes();
    return m >= 120
        ? f.text(
            req,
            message("hours"),
            Map.of("hours", String.valueOf(m / 60), "minutes", String.valueOf(m % 60)))
        : f.text(req, message("minutes"), Map.of("minutes", String.valueOf(m)));
  }

  private String principal(Requirement req, ChangeEvent.Caller c) {
    if (c.arn() != null) {
      return c.arn();
    }
    if (c.invokedBy() != null) {
      return c.invokedBy();
    }
    return c.type() == null
        ? f.text(req, message("unknown-principal"), Map.of())
        : f.text(req, message("typed-principal"), Map.of("principalType", c.type()));
  }

  /** The product token of the user agent ({@code aws-cli/2.22.4}): the rest is platform detail. */
  private String agent(Requirement req, String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return f.text(req, message("no-agent"), Map.of());
    }
    // S3 records some agents in brackets: "[S3Console/0.4, aws-internal/3 ...]".
    String token = userAgent.strip().replaceFirst("^\\[", "").split("[ ,\\]]", 2)[0];
    return token.isEmpty() ? userAgent : token;
  }

  private static long days(EventHistory h) {
    return Math.max(1, Duration.between(h.windowStart(), h.windowEnd()).toDays());
  }
}
