package io.trailaudit.model;

import java.time.Instant;

/** {@code securityhub:DescribeHub}. */
public record SecurityHubHub(String hubArn, Instant subscribedAt, boolean autoEnableControls) {}
