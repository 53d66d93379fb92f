package io.trailaudit.integrity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Reads an RSA public key in either DER form CloudTrail's {@code ListPublicKeys} may return: PKCS#1
 * {@code RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }} (what the API
 * returns today) or X.509 {@code SubjectPublicKeyInfo} (what Java and most tools write).
 */
final class RsaKeys {
  private RsaKeys() {}

  /**
   * @throws GeneralSecurityException when the bytes are neither form of an RSA key
   */
  static RSAPublicKey parse(byte[] der) throws GeneralSecurityException {
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    try {
      return (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException notX509) {
      BigInteger[] ints = pkcs1(der);
      return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(ints[0], ints[1]));
    }
  }

  private static BigInteger[] pkcs1(byte[] der) throws GeneralSecurityException {
    Der in = new Der(der);
    int seqEnd = in.expect(0x30);
    if (seqEnd != der.length) {
      throw new GeneralSecurityException("trailing bytes after the RSAPublicKey sequence");
    }
    BigInteger modulus = in.integer();
    BigInteger exponent = in.integer();
    if (in.pos != seqEnd || modulus.signum() <= 0 || exponent.signum() <= 0) {
      throw new GeneralSecurityException("not a PKCS#1 RSAPublicKey");
    }
    return new BigInteger[] {modulus, exponent};
  }

  /** Just enough DER: definite lengths, one tag byte. */
  private static final class Der {
    private final byte[] b;
    private int pos;

    Der(byte[] b) {
      this.b = b;
    }

    /** Reads a tag and length; returns the end offset of the contents. */
    int expect(int tag) throws GeneralSecurityException {
      if (pos >= b.length || (b[pos++] & 0xff) != tag) {
        throw new GeneralSecurityException("unexpected DER tag");
      }
      int len = length();
      if (len > b.length - pos) {
        throw new GeneralSecurityException("DER length beyond the data");
      }
      return pos + len;
    }

    BigInteger integer() throws GeneralSecurityException {
      int end = expect(0x02);
      if (end == pos) {
        throw new GeneralSecurityException("empty INTEGER");
      }
      BigInteger v = new BigInteger(Arrays.copyOfRange(b, pos, end));
      pos = end;
      return v;
    }

    private int length() throws GeneralSecurityException {
      if (pos >= b.length) {
        throw new GeneralSecurityException("truncated DER");
      }
      int first = b[pos++] & 0xff;
      if (first < 0x80) {
        return first;
      }
      int n = first & 0x7f;
      if (n == 0 || n > 3 || n > b.length - pos) {
        throw new GeneralSecurityException("unsupported DER length");
      }
      int len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (b[pos++] & 0xff);
      }
      return len;
    }
  }
}
