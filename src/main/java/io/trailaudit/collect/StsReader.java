package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Who is calling ({@code GetCallerIdentity}) and credentials for another account ({@code
 * AssumeRole}).
 */
public final class StsReader {
  /** Names the sessions in the audited accounts' CloudTrail logs. */
  public static final String SESSION_NAME = "trailaudit";

  private final StsClient sts;

  public StsReader(StsClient sts) {
    this.sts = sts;
  }

  /** The caller's account and ARN. */
  public record CallerIdentity(String accountId, String arn) {}

  public Observed<CallerIdentity> callerIdentity() {
    return Reads.read(
        "sts",
        "GetCallerIdentity",
        () -> {
          var r = sts.getCallerIdentity();
          return new CallerIdentity(r.account(), r.arn());
        });
  }

  /**
   * Credentials of {@code roleArn}, refreshed before they expire. The role is assumed once here, so
   * that a role that cannot be assumed is known before any read.
   *
   * @param externalId the external id the role's trust policy requires, or null
   */
  public Observed<AwsCredentialsProvider> assumeRole(String roleArn, String externalId) {
    StsAssumeRoleCredentialsProvider provider =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(sts)
            .asyncCredentialUpdateEnabled(false)
            .refreshRequest(
                AssumeRoleRequest.builder()
                    .roleArn(roleArn)
                    .roleSessionName(SESSION_NAME)
                    .externalId(externalId)
                    .build())
            .build();
    Observed<AwsCredentialsProvider> assumed =
        Reads.read(
            "sts",
            "AssumeRole",
            () -> {
              provider.resolveCredentials();
              return provider;
            });
    if (!assumed.isKnown()) {
      provider.close();
    }
    return assumed;
  }
}
