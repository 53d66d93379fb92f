package io.trailaudit.checks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared part of requirements a check generates from its own data (one per CIS monitoring
 * topic): the rule id prefix, severity, remediation and message templates, from the check's
 * metadata.
 */
public record RequirementTemplate(
    String prefix,
    Severity severity,
    Map<String, String> remediations,
    Map<String, String> messages) {
  public RequirementTemplate {
    remediations = Collections.unmodifiableMap(new LinkedHashMap<>(remediations));
    messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
  }
}
