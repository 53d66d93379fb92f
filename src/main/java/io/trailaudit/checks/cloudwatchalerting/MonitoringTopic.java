package io.trailaudit.checks.cloudwatchalerting;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CIS monitoring recommendation ("ensure a log metric filter and alarm exist for ..."): its
 * stable id, control mappings, the documented filter pattern and the sample events a pattern for it
 * must, and must not, match.
 *
 * @param cis the recommendation number by CIS AWS Foundations Benchmark version, oldest first
 * @param securityHub Security Hub control ids (none for Organizations changes)
 * @param canonicalPattern the CIS 5.0.0 pattern, exactly as published
 * @param variants other published wordings, such as Security Hub's remediation text
 */
public record MonitoringTopic(
    String id,
    String title,
    Map<String, String> cis,
    List<String> securityHub,
    String canonicalPattern,
    String canonicalSource,
    List<PatternVariant> variants,
    List<SampleEvent> mustMatch,
    List<SampleEvent> mustNotMatch) {

  public MonitoringTopic {
    cis = Collections.unmodifiableMap(new LinkedHashMap<>(cis));
    securityHub = List.copyOf(securityHub);
    variants = List.copyOf(variants);
    mustMatch = List.copyOf(mustMatch);
    mustNotMatch = List.copyOf(mustNotMatch);
  }
}
