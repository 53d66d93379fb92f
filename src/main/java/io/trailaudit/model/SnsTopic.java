package io.trailaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * An SNS topic an alarm notifies.
 *
 * @param attributes {@code sns:GetTopicAttributes}
 * @param subscriptions {@code sns:ListSubscriptionsByTopic}
 * @param key the key named by the attributes' {@code KmsMasterKeyId} ({@code kms:DescribeKey},
 *     {@code kms:GetKeyPolicy}); known null when the topic is not encrypted, NotCollected in
 *     snapshots written before it was read
 */
public record SnsTopic(
    String arn,
    Observed<Attributes> attributes,
    Observed<List<Subscription>> subscriptions,
    Observed<KmsKey> key) {
  public SnsTopic {
    Objects.requireNonNull(arn, "arn");
    attributes = Observed.orNotCollected(attributes, "topic attributes");
    subscriptions = Observed.orNotCollected(subscriptions, "topic subscriptions");
    key = Observed.orNotCollected(key, "topic key");
  }

  /**
   * What {@code GetTopicAttributes} says of the topic.
   *
   * @param subscriptionsConfirmed SNS's own count, null when it gave none
   * @param kmsMasterKeyId the key that encrypts the topic, null when it is not encrypted;
   *     CloudWatch can notify an encrypted topic only if that key's policy lets {@code
   *     cloudwatch.amazonaws.com} use it (never the AWS managed {@code alias/aws/sns})
   */
  public record Attributes(
      String owner,
      Integer subscriptionsConfirmed,
      Integer subscriptionsPending,
      String kmsMasterKeyId) {}

  /** A subscription; its ARN is {@code PendingConfirmation} until the endpoint confirms it. */
  public record Subscription(String subscriptionArn, String protocol, String endpoint) {
    public boolean confirmed() {
      return Arn.isArn(subscriptionArn);
    }
  }
}
