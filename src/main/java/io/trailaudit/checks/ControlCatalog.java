package io.trailaudit.checks;

import io.trailaudit.config.ParameterInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The metadata of the checks an audit loaded, and of the engine's own rules: built from the checks
 * {@link CheckRunner} found, validated then, and passed explicitly (inside {@code AuditReport} to
 * the renderers). SARIF tags, ASFF compliance fields and the README table are derived from it.
 */
public final class ControlCatalog {
  private final List<CheckInfo> checks;
  private final List<String> cisVersions;
  private final Map<String, ParameterInfo> parameters;

  private ControlCatalog(
      List<CheckInfo> checks, List<String> cisVersions, Map<String, ParameterInfo> parameters) {
    this.checks = List.copyOf(checks);
    this.cisVersions = List.copyOf(cisVersions);
    this.parameters = Map.copyOf(parameters);
  }

  /**
   * The catalog of {@code checks} and the engine's {@code audit} rules, in practice order.
   *
   * @throws CatalogException when two checks share an id or a number, a parameter is declared
   *     twice, or a check uses a parameter no check declares
   */
  public static ControlCatalog of(List<CheckInfo> checks) {
    List<CheckInfo> all = new ArrayList<>();
    all.add(AuditScope.info());
    all.addAll(checks);
    all.sort(Comparator.comparingInt(CheckInfo::number).thenComparing(CheckInfo::id));
    Map<String, CheckInfo> byId = new HashMap<>();
    Map<Integer, CheckInfo> byNumber = new HashMap<>();
    Map<String, ParameterInfo> parameters = new HashMap<>();
    Map<String, String> declaredBy = new HashMap<>();
    for (CheckInfo c : all) {
      if (byId.putIfAbsent(c.id(), c) != null) {
        throw new CatalogException("two checks have the id " + c.id());
      }
      CheckInfo other = byNumber.putIfAbsent(c.number(), c);
      if (other != null) {
        throw new CatalogException(
            "checks " + other.id() + " and " + c.id() + " have the same number " + c.number());
      }
      for (ParameterInfo p : c.parameters()) {
        String before = declaredBy.putIfAbsent(p.name(), c.id());
        if (before != null) {
          throw new CatalogException(
              "parameter "
                  + p.name()
                  + " is declared by "
                  + before
                  + " and "
                  + c.id()
                  + ": declare it once and list it in \"uses\" of the other");
        }
        parameters.put(p.name(), p);
      }
    }
    for (CheckInfo c : all) {
      for (String u : c.uses()) {
        if (!parameters.containsKey(u)) {
          throw new CatalogException(
              c.id() + " uses parameter " + u + ", which no loaded check declares");
        }
      }
    }
    return new ControlCatalog(all, Frameworks.load().cisVersions(), parameters);
  }

  /** Checks in practice order, the engine's {@code audit} rules first. */
  public List<CheckInfo> checks() {
    return checks;
  }

  /** CIS AWS Foundations Benchmark versions mapped, oldest first. */
  public List<String> cisVersions() {
    return cisVersions;
  }

  /** Every parameter the checks declare, by name. */
  public Map<String, ParameterInfo> parameters() {
    return parameters;
  }

  /** The parameters a check declares or uses, in that order. */
  public List<ParameterInfo> parametersOf(CheckInfo check) {
    List<ParameterInfo> out = new ArrayList<>(check.parameters());
    check.uses().forEach(u -> out.add(parameters.get(u)));
    return out;
  }

  /** The check declaring a parameter. */
  public Optional<CheckInfo> declarer(String parameter) {
    return checks.stream()
        .filter(c -> c.parameters().stream().anyMatch(p -> p.name().equals(parameter)))
        .findFirst();
  }

  public Optional<CheckInfo> find(String checkId) {
    return checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
  }

  public CheckInfo check(String checkId) {
    return find(checkId).orElseThrow(() -> new NoSuchElementException("no check " + checkId));
  }

  /** A requirement by rule id ({@code check/requirement}). */
  public Optional<RequirementInfo> rule(String ruleId) {
    int slash = ruleId.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    return find(ruleId.substring(0, slash))
        .flatMap(c -> c.findRequirement(ruleId.substring(slash + 1)));
  }
}
