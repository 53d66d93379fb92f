package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import io.trailaudit.model.SecurityHubHub;
import io.trailaudit.model.StandardsSubscription;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.DescribeHubResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidAccessException;

/** Security Hub in one region: the hub and the enabled standards. */
public final class SecurityHubReader {
  private final SecurityHubClient securityHub;

  public SecurityHubReader(SecurityHubClient securityHub) {
    this.securityHub = securityHub;
  }

  /** The hub; known {@code null} when Security Hub is not enabled in the region. */
  public Observed<SecurityHubHub> hub() {
    return Reads.read(
        "securityhub",
        "DescribeHub",
        () -> {
          try {
            return hub(securityHub.describeHub(r -> {}));
          } catch (InvalidAccessException e) {
            if (notSubscribed(e)) {
              return null;
            }
            throw e;
          }
        });
  }

  /**
   * The enabled standards, all pages; a known empty list when Security Hub is not enabled.
   *
   * @param hub what {@link #hub()} read: when it says "not enabled" there is nothing to ask. The
   *     URL-connection HTTP client drops the body of a 401 answer to a POST, and with it the "not
   *     subscribed" message of {@code GetEnabledStandards}, so its own refusal cannot be told apart
   *     from any other {@code InvalidAccessException}.
   */
  public Observed<List<StandardsSubscription>> standards(Observed<SecurityHubHub> hub) {
    if (hub instanceof Observed.Known<SecurityHubHub> k && k.value() == null) {
      return Observed.known(List.of());
    }
    return Reads.read(
        "securityhub",
        "GetEnabledStandards",
        () -> {
          try {
            return securityHub
                .getEnabledStandardsPaginator(r -> {})
                .standardsSubscriptions()
                .stream()
                .map(
                    s ->
                        new StandardsSubscription(
                            s.standardsSubscriptionArn(),
                            s.standardsArn(),
                            s.standardsStatusAsString()))
                .toList();
          } catch (InvalidAccessException e) {
            if (notSubscribed(e)) {
              return List.of();
            }
            throw e;
          }
        });
  }

  /**
   * Security Hub answers {@code InvalidAccessException} both for "not enabled here" and for other
   * refusals; only its message tells them apart.
   */
  private static boolean notSubscribed(InvalidAccessException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return message != null && message.contains("is not subscribed to AWS Security Hub");
  }

  private static SecurityHubHub hub(DescribeHubResponse r) {
    Instant subscribedAt;
    try {
      subscribedAt = r.subscribedAt() == null ? null : Instant.parse(r.subscribedAt());
    } catch (DateTimeParseException e) {
      throw SdkClientException.create("DescribeHub gave an unreadable SubscribedAt: " + e);
    }
    return new SecurityHubHub(
        r.hubArn(), subscribedAt, Boolean.TRUE.equals(r.autoEnableControls()));
  }
}
