package io.trailaudit.checks.cloudwatchalerting;

/** Another documented wording of a topic's filter pattern and where it is published. */
public record PatternVariant(String source, String pattern) {}
