package io.trailaudit.integrity;

import io.trailaudit.collect.Reads;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

/**
 * {@link PublicKeySource} over {@code cloudtrail:ListPublicKeys}, every page (the AWS CLI reads
 * only the first). The client's region must be the digests' region: each region signs with its own
 * keys.
 */
public final class CloudTrailPublicKeys implements PublicKeySource {
  private final CloudTrailClient cloudtrail;

  public CloudTrailPublicKeys(CloudTrailClient cloudtrail) {
    this.cloudtrail = cloudtrail;
  }

  @Override
  public List<PublicKeyInfo> publicKeys(Instant start, Instant end) throws IOException {
    List<PublicKeyInfo> keys = new ArrayList<>();
    try {
      for (PublicKey k :
          cloudtrail
              .listPublicKeysPaginator(b -> b.startTime(start).endTime(end))
              .publicKeyList()) {
        keys.add(
            new PublicKeyInfo(
                k.fingerprint(),
                k.value() == null ? new byte[0] : k.value().asByteArray(),
                k.validityStartTime(),
                k.validityEndTime()));
      }
    } catch (SdkException e) {
      var u = Reads.unavailable("cloudtrail", "ListPublicKeys", e).failure();
      throw new ReadFailure(u.service(), u.operation(), u.errorCode(), u.message());
    }
    return keys;
  }
}
