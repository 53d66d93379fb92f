package io.trailaudit.collect;

import io.trailaudit.model.KmsKey;
import io.trailaudit.model.KmsKey.KeyMetadata;
import io.trailaudit.model.Observed;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
    return key(keyIdOrArn, Runnable::run).join();
  }

  /** {@link #key(String)} with each call a task on {@code reads}: the metadata, then the rest. */
  public CompletableFuture<KmsKey> key(String keyIdOrArn, Executor reads) {
    return CompletableFuture.supplyAsync(
            () ->
                Reads.read(
                    "kms",
                    "DescribeKey",
                    () -> metadata(kms.describeKey(r -> r.keyId(keyIdOrArn)).keyMetadata())),
            reads)
        .thenCompose(metadata -> afterMetadata(keyIdOrArn, metadata, reads));
  }

  private CompletableFuture<KmsKey> afterMetadata(
      String keyIdOrArn, Observed<KeyMetadata> metadata, Executor reads) {
    // GetKeyRotationStatus and GetKeyPolicy refuse aliases: ask with the ARN DescribeKey resolved.
    String keyId =
        metadata instanceof Observed.Known<KeyMetadata> k
                && k.value() != null
                && k.value().arn() != null
            ? k.value().arn()
            : keyIdOrArn;
    Fanout f = new Fanout(reads);
    var rotation =
        f.read(
            "kms",
            "GetKeyRotationStatus",
            () -> kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());
    var policy =
        f.read(
            "kms",
            "GetKeyPolicy",
            () -> kms.getKeyPolicy(r -> r.keyId(keyId).policyName("default")).policy());
    var grants =
        f.read(
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
    return f.all()
        .thenApply(
            done ->
                new KmsKey(keyIdOrArn, metadata, rotation.join(), policy.join(), grants.join()));
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
