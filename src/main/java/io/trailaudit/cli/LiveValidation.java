package io.trailaudit.cli;

import io.trailaudit.collect.AwsService;
import io.trailaudit.collect.AwsSettings;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.integrity.CloudTrailPublicKeys;
import io.trailaudit.integrity.ObjectStore;
import io.trailaudit.integrity.PublicKeySource;
import io.trailaudit.integrity.ReadFailure;
import io.trailaudit.integrity.S3LogStore;
import io.trailaudit.integrity.TrailLocation;
import io.trailaudit.integrity.TrailLookup;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS side of {@code validate-logs}: credentials, clients and where the digests are. Apart from
 * the command so that parsing a command line loads no SDK class.
 */
final class LiveValidation {
  private static final String PRINCIPAL = "default";

  private LiveValidation() {}

  /**
   * @param s3Bucket {@code --s3-bucket}, or null to ask DescribeTrails
   * @param accountId {@code --account-id}, or null
   */
  record Request(
      String trailArn,
      String s3Bucket,
      String s3Prefix,
      String accountId,
      String homeRegion,
      String sourceRegion,
      Instant start,
      Instant end) {}

  /** What to do once the store, the keys and the location are known. */
  interface Validation {
    int run(ObjectStore store, PublicKeySource keys, TrailLocation location)
        throws InterruptedException;
  }

  static int run(AwsSettings settings, Request request, Validation validation)
      throws ReadFailure, InterruptedException {
    // The URL-connection client keeps at most http.maxConnections idle connections per host (5 by
    // default): below --concurrency (at most 256), connections would be closed and opened again.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "256");
    }
    AwsCredentialsProvider credentials = settings.credentialsProvider();
    try (ClientFactory factory = new ClientFactory(settings, new CallLog())) {
      TrailLocation location = locate(factory, credentials, request);
      ObjectStore store =
          new S3LogStore(
              factory.client(AwsService.S3, request.sourceRegion(), PRINCIPAL, credentials));
      PublicKeySource keys =
          new CloudTrailPublicKeys(
              factory.client(
                  AwsService.CLOUDTRAIL, request.sourceRegion(), PRINCIPAL, credentials));
      return validation.run(store, keys, location);
    } finally {
      if (credentials instanceof SdkAutoCloseable c) {
        c.close();
      }
    }
  }

  /**
   * Where the digests are: {@code --s3-bucket} and {@code --s3-prefix}, or else the trail's own
   * bucket and prefix from DescribeTrails, with the organization level for an organization trail
   * (as the AWS CLI finds it: DescribeOrganization, and {@code --account-id} required).
   */
  private static TrailLocation locate(
      ClientFactory factory, AwsCredentialsProvider credentials, Request r) throws ReadFailure {
    if (r.s3Bucket() != null) {
      return TrailLocation.of(
          r.trailArn(), r.s3Bucket(), r.s3Prefix(), null, r.accountId(), r.sourceRegion());
    }
    TrailLookup.Delivery delivery =
        TrailLookup.describe(
                factory.client(AwsService.CLOUDTRAIL, r.homeRegion(), PRINCIPAL, credentials),
                r.trailArn())
            .orElseThrow(
                () -> new UsageException("A trail could not be found for " + r.trailArn()));
    String organizationId = null;
    if (delivery.organizationTrail()) {
      if (r.accountId() == null) {
        throw new UsageException(
            "Missing required parameter for organization trail: '--account-id'");
      }
      organizationId =
          TrailLookup.organizationId(
              factory.client(
                  AwsService.ORGANIZATIONS,
                  factory.settings().homeRegion(),
                  PRINCIPAL,
                  credentials));
    }
    return TrailLocation.of(
        r.trailArn(),
        delivery.bucket(),
        delivery.prefix(),
        organizationId,
        r.accountId(),
        r.sourceRegion());
  }
}
