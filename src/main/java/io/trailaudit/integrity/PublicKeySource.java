package io.trailaudit.integrity;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** CloudTrail's digest signing keys: {@code cloudtrail:ListPublicKeys} in the digests' region. */
public interface PublicKeySource {

  /**
   * The keys valid at some time between {@code start} and {@code end}, every page.
   *
   * @throws ReadFailure when the call fails
   */
  List<PublicKeyInfo> publicKeys(Instant start, Instant end) throws IOException;

  /**
   * @param fingerprint as CloudTrail names it in {@code digestPublicKeyFingerprint}
   * @param der the key, DER encoded: PKCS#1 {@code RSAPublicKey} or X.509 {@code
   *     SubjectPublicKeyInfo}
   */
  record PublicKeyInfo(
      String fingerprint, byte[] der, Instant validityStart, Instant validityEnd) {}
}
