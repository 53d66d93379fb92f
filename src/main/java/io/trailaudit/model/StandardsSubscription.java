package io.trailaudit.model;

/**
 * An enabled Security Hub standard.
 *
 * @param status {@code READY}, {@code PENDING}, {@code INCOMPLETE}, {@code FAILED}, …
 */
public record StandardsSubscription(
    String standardsSubscriptionArn, String standardsArn, String status) {}
