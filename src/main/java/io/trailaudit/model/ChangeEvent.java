package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One management event from CloudTrail event history ({@code LookupEvents}) that touched a resource
 * the audit cares about (a trail, its bucket, key, SCPs or alerting chain).
 *
 * @param eventId the CloudTrail event id
 * @param eventName the API call ({@code StopLogging}, {@code PutBucketPolicy} …)
 * @param eventSource the service endpoint ({@code cloudtrail.amazonaws.com} …)
 * @param eventTime when the call was made
 * @param region the region the event was recorded in ({@code awsRegion})
 * @param account the account the event was recorded in ({@code recipientAccountId})
 * @param principal who made the call ({@code userIdentity})
 * @param sourceIpAddress {@code sourceIPAddress}: an IP, or a service name for calls AWS made
 * @param userAgent {@code userAgent}
 * @param errorCode the call's error ({@code AccessDenied} …), null when it succeeded: a failed call
 *     changed nothing
 * @param resources the audited resources (names or ARNs, as the audit knows them) the event names,
 *     in its {@code Resources} or its request parameters
 * @param requestParameters the call's {@code requestParameters} as CloudTrail recorded them
 *     (strings, numbers, booleans, lists and maps): enough to tell what changed, e.g. {@code
 *     PutBucketVersioning}'s {@code VersioningConfiguration.Status}
 */
public record ChangeEvent(
    String eventId,
    String eventName,
    String eventSource,
    Instant eventTime,
    String region,
    String account,
    Caller principal,
    String sourceIpAddress,
    String userAgent,
    String errorCode,
    @JsonProperty(required = true) List<String> resources,
    Map<String, Object> requestParameters) {

  public ChangeEvent {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(eventTime, "eventTime");
    resources = resources == null ? List.of() : List.copyOf(resources);
    requestParameters = requestParameters == null ? Map.of() : requestParameters;
    principal = principal == null ? new Caller(null, null, null, null, null) : principal;
  }

  /** True when the call succeeded (it has no error code). */
  public boolean succeeded() {
    return errorCode == null || errorCode.isEmpty();
  }

  /**
   * The event's {@code userIdentity}.
   *
   * @param type {@code IAMUser}, {@code AssumedRole}, {@code Root}, {@code AWSService} …
   * @param arn {@code userIdentity.arn} (for a role session, the session ARN)
   * @param sessionIssuerArn for a role session, the role's ARN ({@code
   *     sessionContext.sessionIssuer.arn}); null otherwise
   * @param accountId {@code userIdentity.accountId}
   * @param invokedBy {@code userIdentity.invokedBy}: the AWS service that made the call on the
   *     principal's behalf, or null
   */
  public record Caller(
      String type, String arn, String sessionIssuerArn, String accountId, String invokedBy) {}
}
