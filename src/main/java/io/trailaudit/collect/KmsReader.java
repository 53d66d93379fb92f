package io.trailaudit.collect;

import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import java.util.List;
import software.amazon.awssdk.services.kms.KmsClient;

/** A trail's KMS key: metadata, rotation status, key policy and grants, each read on its own. */
public final class KmsReader {
  private final KmsClient kms;

  public KmsReader(KmsClient kms) {
    this.kms = kms;
  }

  /**
   * @param keyIdOrArn the trail's {@code KmsKeyId}: key ARN, key id or alias
   */
  public KmsKey key(String keyIdOrArn) {
    Observed<KeyMetadata> metadata =
        Reads.read(
            "kms",
            "DescribeKey",
            () -> metadata(kms.describeKey(r -> r.keyId(keyIdOrArn)).keyMetadata()));
    // GetKeyRotationStatus and GetKeyPolicy refuse aliases: ask with the ARN DescribeKey resolved.
    String keyId =
        metadata instanceof Observed.Known<KeyMetadata> k
                && k.value() != null
                && k.value().arn() != null
            ? k.value().arn()
            : keyIdOrArn;
    Observed<Boolean> rotation =
        Reads.read(
            "kms",
            "GetKeyRotationStatus",
            () -> kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());
    Observed<String> policy =
        Reads.read(
            "kms",
            "GetKeyPolicy",
            () -> kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy());
    Observed<List<KmsKey.Grant>> grants =
        Reads.read(
            "kms",
            "ListGrants",
            () ->
                kms.listGrantsPaginator(r -> r.keyId(keyId)).grants().stream()
                    .map(
                        g ->
                            new KmsKey.Grant(
                                g.grantId(),
                                g.name(),
                                g.granteePrincipal(),
                                g.retiringPrincipal(),
                                g.issuingAccount(),
                                g.operationsAsStrings(),
                                g.constraints() != null
                                    && (g.constraints().hasEncryptionContextEquals()
                                        || g.constraints().hasEncryptionContextSubset())))
                    .toList());
    return new KmsKey(keyIdOrArn, metadata, rotation, policy, grants);
  }

  private static KeyMetadata metadata(software.amazon.awssdk.services.kms.model.KeyMetadata m) {
    if (m == null) {
      return null;
    }
    return new KeyMetadata(
        m.keyId(),
        m.arn(),
        m.awsAccountId(),
        m.keyManagerAsString(),
        m.keyStateAsString(),
        m.keySpecAsString(),
        m.keyUsageAsString(),
        m.originAsString(),
        Boolean.TRUE.equals(m.multiRegion()));
  }
}
