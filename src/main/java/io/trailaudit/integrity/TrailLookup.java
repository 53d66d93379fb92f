package io.trailaudit.integrity;

import io.trailaudit.collect.Reads;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** What validation needs to know about a trail when the caller did not say: where it delivers. */
public final class TrailLookup {
  private TrailLookup() {}

  /**
   * @param bucket the trail's S3 bucket
   * @param prefix its key prefix, or null
   */
  public record Delivery(String bucket, String prefix, boolean organizationTrail) {}

  /**
   * {@code DescribeTrails} for one ARN (call it in the trail's home region).
   *
   * @return empty when CloudTrail does not know the trail
   * @throws ReadFailure when the call fails
   */
  public static Optional<Delivery> describe(CloudTrailClient cloudtrail, String trailArn)
      throws ReadFailure {
    try {
      return cloudtrail
          .describeTrails(b -> b.trailNameList(trailArn).includeShadowTrails(true))
          .trailList()
          .stream()
          .filter(t -> trailArn.equals(t.trailARN()))
          .findFirst()
          .map(TrailLookup::delivery);
    } catch (SdkException e) {
      throw failure("cloudtrail", "DescribeTrails", e);
    }
  }

  /**
   * The organization id ({@code o-…}), the path level of an organization trail's files: {@code
   * organizations:DescribeOrganization}, as the AWS CLI finds it.
   */
  public static String organizationId(OrganizationsClient organizations) throws ReadFailure {
    try {
      return organizations.describeOrganization().organization().id();
    } catch (SdkException e) {
      throw failure("organizations", "DescribeOrganization", e);
    }
  }

  private static Delivery delivery(Trail t) {
    return new Delivery(
        t.s3BucketName(), t.s3KeyPrefix(), Boolean.TRUE.equals(t.isOrganizationTrail()));
  }

  private static ReadFailure failure(String service, String operation, SdkException e) {
    var u = Reads.unavailable(service, operation, e).failure();
    return new ReadFailure(u.service(), u.operation(), u.errorCode(), u.message());
  }
}
