package io.trailaudit.checks.networkactivityevents;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailCandidates;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.Parameters;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.selectors.NetworkCoverage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Check 7: network activity events (calls through VPC endpoints) are logged for each required event
 * source. Logging only {@code errorCode = VpceAccessDenied} is cheaper and weaker: PASS with that
 * said, or FAIL when the configuration asks for all activity.
 */
public final class NetworkActivityCheck implements Check {
  public static final String ID = "network-activity-events";
  static final String EVENT_SOURCES = "networkActivity.eventSources";
  static final String REQUIRE_ALL_ACTIVITY = "networkActivity.requireAllActivity";

  /** The event sources always required, besides those of {@link #EVENT_SOURCES}. */
  static final List<String> DEFAULT_SOURCES =
      List.of(
          "s3.amazonaws.com",
          "ec2.amazonaws.com",
          "kms.amazonaws.com",
          "secretsmanager.amazonaws.com",
          "cloudtrail.amazonaws.com");

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
      out.add(vpcEndpoints(f, index.visibleFrom(account), account, config));
    }
    return out;
  }

  private Finding vpcEndpoints(
      FindingFactory f, List<TrailView> trails, AccountSnapshot account, AuditConfig config) {
    Requirement req = Requirement.VPC_ENDPOINTS;
    String accountId = account.accountId();
    Resource where = Resource.account(accountId);
    TrailCandidates c = TrailCandidates.of(account, trails, false);
    Parameters p = parameters(config);
    boolean requireAll = p.bool(REQUIRE_ALL_ACTIVITY);
    List<String> required =
        Stream.concat(DEFAULT_SOURCES.stream(), p.strings(EVENT_SOURCES).stream())
            .distinct()
            .toList();
    // The best coverage of each source by any logging trail.
    Map<String, NetworkCoverage> best = new LinkedHashMap<>();
    Map<String, String> by = new HashMap<>();
    for (String source : required) {
      for (TrailView t : c.usable()) {
        NetworkCoverage cov = TrailCandidates.evaluator(t).networkActivity(source);
        NetworkCoverage current = best.get(source);
        if (current == null || rank(cov) > rank(current)) {
          best.put(source, cov);
          by.put(source, t.name());
        }
      }
    }
    List<String> full = sources(best, NetworkCoverage.Level.FULL);
    List<String> errorsOnly = sources(best, NetworkCoverage.Level.ERRORS_ONLY);
    List<String> missing = new ArrayList<>(required);
    missing.removeAll(full);
    if (!requireAll) {
      missing.removeAll(errorsOnly);
    }
    Map<String, String> values = new HashMap<>(c.remediationArgs());
    values.put("account", accountId);
    values.put("logged", String.join(", ", full.isEmpty() ? errorsOnly : full));
    values.put("errorsOnly", String.join(", ", errorsOnly));
    values.put("missing", String.join(", ", missing));
    if (missing.isEmpty()) {
      return f.pass(
          req, where, message(errorsOnly.isEmpty() ? "pass" : "pass-errors-only"), values);
    }
    if (!c.uncertain().isEmpty()) {
      values.put("uncertain", String.join("; ", c.uncertain()));
      return f.error(req, where, message("unknown"), values);
    }
    values.put("logged", String.join(", ", full));
    values.put(
        "requireAllNote",
        requireAll && !errorsOnly.isEmpty()
            ? f.text(req, message("fail-require-all"), values)
            : "");
    values.put("loggedNote", full.isEmpty() ? "" : f.text(req, message("fail-logged"), values));
    values.put(
        "noTrailNote", c.usable().isEmpty() ? f.text(req, message("fail-no-trail"), values) : "");
    values.put(
        "sources", missing.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")));
    return f.fail(req, where, message("fail"), values);
  }

  private static List<String> sources(
      Map<String, NetworkCoverage> best, NetworkCoverage.Level level) {
    return best.entrySet().stream()
        .filter(e -> e.getValue().level() == level)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static int rank(NetworkCoverage c) {
    return switch (c.level()) {
      case FULL -> 3;
      case ERRORS_ONLY -> 2;
      case PARTIAL -> 1;
      case NONE -> 0;
    };
  }
}
