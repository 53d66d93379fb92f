package io.trailaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * An SNS topic an alarm notifies.
 *
 * @param subscriptions {@code sns:ListSubscriptionsByTopic}
 */
public record SnsTopic(String arn, Observed<List<Subscription>> subscriptions) {
  public SnsTopic {
    Objects.requireNonNull(arn, "arn");
    subscriptions = Observed.orNotCollected(subscriptions, "topic subscriptions");
  }

  /** A subscription; its ARN is {@code PendingConfirmation} until the endpoint confirms it. */
  public record Subscription(String subscriptionArn, String protocol, String endpoint) {
    public boolean confirmed() {
      return subscriptionArn != null && subscriptionArn.startsWith("arn:");
    }
  }
}
