package io.trailaudit.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One requirement of a check, as its check's metadata describes it.
 *
 * @param id the requirement id, the second half of the rule id
 * @param passesWhen the condition for PASS, as CHECKS.md states it
 * @param remediations remediation templates by variant ({@code default} when there is one); {@code
 *     {name}} placeholders are filled by the check
 * @param messages message templates by key ({@code pass}, {@code no-trail}, …) for a check whose
 *     messages are metadata; empty for one that writes them in its code
 */
public record RequirementInfo(
    String id,
    String title,
    Severity severity,
    String passesWhen,
    List<ControlRef> controls,
    Map<String, String> remediations,
    Map<String, String> messages) {

  public RequirementInfo {
    controls = List.copyOf(controls);
    remediations = Collections.unmodifiableMap(new LinkedHashMap<>(remediations));
    messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
  }

  /** A requirement whose messages its check writes in code. */
  public RequirementInfo(
      String id,
      String title,
      Severity severity,
      String passesWhen,
      List<ControlRef> controls,
      Map<String, String> remediations) {
    this(id, title, severity, passesWhen, controls, remediations, Map.of());
  }
}
