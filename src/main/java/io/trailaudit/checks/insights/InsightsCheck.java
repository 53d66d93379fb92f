package io.trailaudit.checks.insights;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Messages;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailCandidates;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.EventConfiguration;
import io.trailaudit.model.InsightSelector;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Check 8: CloudTrail Insights on the API call rate and error rate of a logging trail that records
 * write management events, and on data events where a trail logs them.
 */
public final class InsightsCheck implements Check {
  public static final String ID = "insights";
  static final String CALL_RATE = "ApiCallRateInsight";
  static final String ERROR_RATE = "ApiErrorRateInsight";
  private static final String MANAGEMENT = "Management";
  private static final String DATA = "Data";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    TrailIndex index = TrailIndex.of(snapshot);
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot account : snapshot.accounts()) {
      List<TrailView> trails = index.visibleFrom(account);
      out.add(insightType(f, Requirement.API_CALL_RATE, CALL_RATE, trails, account));
      out.add(insightType(f, Requirement.API_ERROR_RATE, ERROR_RATE, trails, account));
    }
    for (TrailView t : index.all()) {
      out.add(dataEvents(f, t));
    }
    for (TrailView t : index.all()) {
      out.add(dataEventAggregation(f, t));
    }
    return out;
  }

  /** The templates of data-event aggregation (AggregationConfiguration, CloudTrail API). */
  static final List<String> AGGREGATION_TEMPLATES =
      List.of("API_ACTIVITY", "RESOURCE_ACCESS", "USER_ACTIONS");

  /**
   * Data-event aggregation (GetEventConfiguration): 5-minute summaries of a trail's data events, by
   * event category; {@code Data} is the only category CloudTrail aggregates.
   */
  private Finding dataEventAggregation(FindingFactory f, TrailView t) {
    Requirement req = Requirement.DATA_EVENT_AGGREGATION;
    if (!t.selectorsRead()) {
      return f.error(
          req,
          t.resource(),
          message("selectors-unknown"),
          Map.of("reason", TrailCandidates.selectorsUnknown(t)));
    }
    Map<String, String> values = trailValues(t);
    if (!TrailCandidates.evaluator(t).hasDataEvents()) {
      return f.notApplicable(req, t.resource(), message("no-data-events"), values);
    }
    Observed<EventConfiguration> c = t.trail().eventConfiguration();
    if (!c.isKnown()) {
      return f.error(
          req,
          t.resource(),
          message("configuration-unreadable"),
          Map.of("reason", Messages.trailReadFailed(t, c, "event configuration")));
    }
    List<String> templates = new ArrayList<>();
    if (c.value() != null) {
      c.value().aggregations().stream()
          .filter(a -> DATA.equals(a.eventCategory()))
          .forEach(
              a ->
                  a.templates().stream()
                      .filter(x -> !templates.contains(x))
                      .forEach(templates::add));
    }
    if (templates.isEmpty()) {
      values.putAll(t.remediationArgs());
      return f.fail(req, t.resource(), message("fail"), values);
    }
    List<String> off = AGGREGATION_TEMPLATES.stream().filter(x -> !templates.contains(x)).toList();
    values.put("templates", String.join(", ", templates));
    values.put(
        "notAggregated",
        off.isEmpty()
            ? ""
            : f.text(req, message("not-aggregated"), Map.of("off", String.join(", ", off))));
    return f.pass(req, t.resource(), message("pass"), values);
  }

  /** The trail as messages name it: {@code trail} its name, {@code trailLabel} name and ARN. */
  private static Map<String, String> trailValues(TrailView t) {
    Map<String, String> values = new HashMap<>();
    values.put("trail", String.valueOf(t.name()));
    values.put("trailLabel", t.label());
    return values;
  }

  private Finding insightType(
      FindingFactory f,
      Requirement req,
      String type,
      List<TrailView> trails,
      AccountSnapshot account) {
    String accountId = account.accountId();
    Resource where = Resource.account(accountId);
    TrailCandidates c = TrailCandidates.of(account, trails, false);
    List<TrailView> writers =
        c.usable().stream().filter(t -> t.managementCoverage().write()).toList();
    List<String> unknown = new ArrayList<>(c.uncertain());
    for (TrailView t : writers) {
      if (!t.insights().isKnown()) {
        unknown.add(Messages.trailReadFailed(t, t.insights(), "insight selectors"));
      } else if (has(t.insights().value(), type, MANAGEMENT)) {
        return f.pass(req, where, message("pass"), trailValues(t));
      }
    }
    if (!unknown.isEmpty()) {
      return f.error(
          req, where, message("unknown"), Map.of("uncertain", String.join("; ", unknown)));
    }
    if (writers.isEmpty()) {
      return f.fail(
          req, "none", where, message("no-writer"), Map.of("account", String.valueOf(accountId)));
    }
    Map<String, String> values = new HashMap<>(writers.get(0).remediationArgs());
    values.put("trails", Messages.names(writers));
    return f.fail(req, where, message("fail"), values);
  }

  private Finding dataEvents(FindingFactory f, TrailView t) {
    Requirement req = Requirement.DATA_EVENTS;
    if (!t.selectorsRead()) {
      return f.error(
          req,
          t.resource(),
          message("selectors-unknown"),
          Map.of("reason", TrailCandidates.selectorsUnknown(t)));
    }
    Map<String, String> values = trailValues(t);
    if (!TrailCandidates.evaluator(t).hasDataEvents()) {
      return f.notApplicable(req, t.resource(), message("no-data-events"), values);
    }
    if (!t.insights().isKnown()) {
      return f.error(
          req,
          t.resource(),
          message("insights-unreadable"),
          Map.of("reason", Messages.trailReadFailed(t, t.insights(), "insight selectors")));
    }
    List<InsightSelector> insights =
        t.insights().value() == null ? List.of() : t.insights().value();
    if (has(insights, CALL_RATE, DATA) || has(insights, ERROR_RATE, DATA)) {
      return f.pass(req, t.resource(), message("pass"), values);
    }
    values.putAll(t.remediationArgs());
    values.put("types", String.join(", ", TrailCandidates.evaluator(t).loggedDataResourceTypes()));
    values.put("noInsights", insights.isEmpty() ? f.text(req, message("no-insights"), values) : "");
    return f.fail(req, t.resource(), message("fail"), values);
  }

  /**
   * An insight selector of this type on {@code category} events. No EventCategories means
   * management events only; a list without {@code Management} turns Insights off for them
   * (InsightSelector, CloudTrail API Reference).
   */
  private static boolean has(List<InsightSelector> insights, String type, String category) {
    for (InsightSelector s : insights == null ? List.<InsightSelector>of() : insights) {
      List<String> categories =
          s.eventCategories().isEmpty() ? List.of(MANAGEMENT) : s.eventCategories();
      if (type.equals(s.insightType()) && categories.contains(category)) {
        return true;
      }
    }
    return false;
  }
}
