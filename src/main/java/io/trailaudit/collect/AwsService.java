package io.trailaudit.collect;

import java.util.function.BiConsumer;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.AccountClientBuilder;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClientBuilder;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.ConfigClientBuilder;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.S3ControlClientBuilder;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * A service trailaudit reads: its IAM prefix (the key of {@code read-operations.json}), its name in
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, and how to build its client.
 *
 * @param type the client interface, for the per-principal views {@link ClientFactory} hands out
 * @param customize applied to the builder with {@code true} when the endpoint is overridden
 */
public record AwsService<B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C>(
    String prefix,
    String envName,
    Class<C> type,
    Supplier<B> builder,
    BiConsumer<B, Boolean> customize) {

  private AwsService(String prefix, String envName, Class<C> type, Supplier<B> builder) {
    this(prefix, envName, type, builder, (b, overridden) -> {});
  }

  public static final AwsService<AccountClientBuilder, AccountClient> ACCOUNT =
      new AwsService<>("account", "ACCOUNT", AccountClient.class, AccountClient::builder);
  public static final AwsService<CloudTrailClientBuilder, CloudTrailClient> CLOUDTRAIL =
      new AwsService<>(
          "cloudtrail", "CLOUDTRAIL", CloudTrailClient.class, CloudTrailClient::builder);
  public static final AwsService<CloudWatchClientBuilder, CloudWatchClient> CLOUDWATCH =
      new AwsService<>(
          "cloudwatch", "CLOUDWATCH", CloudWatchClient.class, CloudWatchClient::builder);
  public static final AwsService<ConfigClientBuilder, ConfigClient> CONFIG =
      new AwsService<>("config", "CONFIG_SERVICE", ConfigClient.class, ConfigClient::builder);
  public static final AwsService<Ec2ClientBuilder, Ec2Client> EC2 =
      new AwsService<>("ec2", "EC2", Ec2Client.class, Ec2Client::builder);
  public static final AwsService<GlueClientBuilder, GlueClient> GLUE =
      new AwsService<>("glue", "GLUE", GlueClient.class, GlueClient::builder);
  public static final AwsService<KmsClientBuilder, KmsClient> KMS =
      new AwsService<>("kms", "KMS", KmsClient.class, KmsClient::builder);
  public static final AwsService<CloudWatchLogsClientBuilder, CloudWatchLogsClient> LOGS =
      new AwsService<>(
          "logs", "CLOUDWATCH_LOGS", CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
  public static final AwsService<OrganizationsClientBuilder, OrganizationsClient> ORGANIZATIONS =
      new AwsService<>(
          "organizations",
          "ORGANIZATIONS",
          OrganizationsClient.class,
          OrganizationsClient::builder);
  // Buckets live in any region: cross-region access follows the redirect instead of failing.
  // Behind an endpoint override (LocalStack, moto, WireMock) buckets are addressed by path.
  public static final AwsService<S3ClientBuilder, S3Client> S3 =
      new AwsService<>(
          "s3",
          "S3",
          S3Client.class,
          S3Client::builder,
          (b, overridden) -> b.forcePathStyle(overridden).crossRegionAccessEnabled(!overridden));
  public static final AwsService<S3ControlClientBuilder, S3ControlClient> S3_CONTROL =
      new AwsService<>("s3control", "S3_CONTROL", S3ControlClient.class, S3ControlClient::builder);
  public static final AwsService<SecurityHubClientBuilder, SecurityHubClient> SECURITY_HUB =
      new AwsService<>(
          "securityhub", "SECURITYHUB", SecurityHubClient.class, SecurityHubClient::builder);
  public static final AwsService<SnsClientBuilder, SnsClient> SNS =
      new AwsService<>("sns", "SNS", SnsClient.class, SnsClient::builder);
  public static final AwsService<StsClientBuilder, StsClient> STS =
      new AwsService<>("sts", "STS", StsClient.class, StsClient::builder);
}
