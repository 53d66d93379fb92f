package io.trailaudit.model;

/** An AWS Config remediation configuration. */
public record RemediationConfiguration(
    String configRuleName, String targetType, String targetId, boolean automatic) {}
