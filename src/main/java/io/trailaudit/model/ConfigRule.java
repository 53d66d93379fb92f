package io.trailaudit.model;

/**
 * An AWS Config rule.
 *
 * @param sourceOwner {@code AWS} for managed rules, {@code CUSTOM_LAMBDA} or {@code CUSTOM_POLICY}
 * @param sourceIdentifier the managed rule identifier, e.g. {@code CLOUD_TRAIL_ENABLED}
 * @param state {@code ACTIVE}, {@code DELETING}, …
 * @param createdBy the service that created a service-linked rule (Security Hub, conformance
 *     packs), else null
 */
public record ConfigRule(
    String name,
    String arn,
    String sourceOwner,
    String sourceIdentifier,
    String state,
    String createdBy) {}
