package io.trailaudit.integrity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.integrity.PublicKeySource.PublicKeyInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a trail's log files and a signed digest chain into an {@link InMemoryStore}, as CloudTrail
 * does: digest keys and fields as documented, each digest signed with SHA256withRSA over {@code
 * digestEndTime\nbucket/key\nhex(sha256(digest))\nprevious signature or "null"} and the signature
 * in the object's {@code signature} metadata.
 */
public final class TestTrail {
  public static final KeyPair KEY = generate();
  public static final KeyPair OTHER_KEY = generate();
  public static final String ACCOUNT = "123456789012";
  public static final String REGION = "us-east-1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YMD =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  public final InMemoryStore store;
  public final String bucket;
  public final String prefix;
  public final String organizationId;
  public final String name;
  public final String arn;
  private int logCount;
  private DigestRef last;

  public record LogRef(String bucket, String key, String sha256) {}

  public record DigestRef(String bucket, String key, String signature) {}

  /** How to encode the public key {@code ListPublicKeys} returns. */
  public enum Encoding {
    PKCS1,
    X509
  }

  public TestTrail(InMemoryStore store, String bucket, String prefix, String organizationId) {
    this.store = store;
    this.bucket = bucket;
    this.prefix = prefix;
    this.organizationId = organizationId;
    this.name = organizationId == null ? "main" : "org-trail";
    this.arn = "arn:aws:cloudtrail:" + REGION + ":" + ACCOUNT + ":trail/" + name;
  }

  public TestTrail(InMemoryStore store) {
    this(store, "trail-bucket", null, null);
  }

  public TrailLocation location() {
    return TrailLocation.of(arn, bucket, prefix, organizationId, ACCOUNT, REGION);
  }

  /** The fingerprint CloudTrail would give {@link #KEY}: here the MD5 of its DER encoding. */
  public static String fingerprint() {
    return fingerprint(KEY);
  }

  public static String fingerprint(KeyPair key) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(key.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code ListPublicKeys} returning {@link #KEY} in {@code encoding}. */
  public static PublicKeySource publicKeys(Encoding encoding) {
    byte[] der = encoding == Encoding.X509 ? KEY.getPublic().getEncoded() : pkcs1(KEY);
    PublicKeyInfo info =
        new PublicKeyInfo(
            fingerprint(),
            der,
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2027-01-01T00:00:00Z"));
    return (start, end) -> List.of(info);
  }

  /** PKCS#1 {@code RSAPublicKey}: SEQUENCE { modulus INTEGER, publicExponent INTEGER }. */
  public static byte[] pkcs1(KeyPair key) {
    RSAPublicKey k = (RSAPublicKey) key.getPublic();
    return der(0x30, concat(der(0x02, k.getModulus()), der(0x02, k.getPublicExponent())));
  }

  /** A log file delivered at {@code delivered}, gzip as CloudTrail writes it. */
  public LogRef log(Instant delivered, String content) {
    byte[] raw = content.getBytes(StandardCharsets.UTF_8);
    String key =
        root()
            + "/CloudTrail/"
            + REGION
            + "/"
            + YMD.format(delivered)
            + "/"
            + ACCOUNT
            + "_CloudTrail_"
            + REGION
            + "_"
            + LOG_TIME.format(delivered)
            + "_log"
            + (++logCount)
            + ".json.gz";
    store.put(bucket, key, gzip(raw), Map.of());
    return new LogRef(bucket, key, sha256(raw));
  }

  /** A log file with a one-event CloudTrail body. */
  public LogRef log(Instant delivered) {
    return log(
        delivered,
        "{\"Records\":[{\"eventVersion\":\"1.09\",\"eventTime\":\""
            + ISO.format(delivered.minusSeconds(300))
            + "\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"n\":"
            + logCount
            + "}]}");
  }

  /** Continues the chain of another trail writer (a digest in another bucket). */
  public void continueFrom(DigestRef previous) {
    last = previous;
  }

  /** The next digest of the chain (the first of a chain when none was written yet). */
  public DigestRef digest(Instant end, LogRef... logs) {
    return digest(end, last, false, fingerprint(), KEY.getPrivate(), List.of(logs));
  }

  /** A digest that starts a new chain (previous signature {@code null}). */
  public DigestRef startingDigest(Instant end, LogRef... logs) {
    return digest(end, null, false, fingerprint(), KEY.getPrivate(), List.of(logs));
  }

  /** A backfill digest ({@code _backfill} key suffix) for log files delivered late. */
  public DigestRef backfillDigest(Instant end, LogRef... logs) {
    return digest(end, null, true, fingerprint(), KEY.getPrivate(), List.of(logs));
  }

  /** The next digest, signed with another key and naming its fingerprint. */
  public DigestRef digestSignedWith(KeyPair key, Instant end, LogRef... logs) {
    return digest(end, last, false, fingerprint(key), key.getPrivate(), List.of(logs));
  }

  public String digestKey(Instant end, boolean backfill) {
    return root()
        + "/CloudTrail-Digest/"
        + REGION
        + "/"
        + YMD.format(end)
        + "/"
        + ACCOUNT
        + "_CloudTrail-Digest_"
        + REGION
        + "_"
        + name
        + "_"
        + REGION
        + "_"
        + BASIC.format(end)
        + (backfill ? "_backfill" : "")
        + ".json.gz";
  }

  private String root() {
    return (prefix == null ? "" : prefix + "/")
        + "AWSLogs/"
        + (organizationId == null ? "" : organizationId + "/")
        + ACCOUNT;
  }

  private DigestRef digest(
      Instant end,
      DigestRef previous,
      boolean backfill,
      String fingerprint,
      PrivateKey signer,
      List<LogRef> logs) {
    String key = digestKey(end, backfill);
    ObjectNode d = JSON.createObjectNode();
    d.put("awsAccountId", ACCOUNT);
    d.put("digestStartTime", ISO.format(end.minusSeconds(3600)));
    d.put("digestEndTime", ISO.format(end));
    d.put("digestS3Bucket", bucket);
    d.put("digestS3Object", key);
    d.put("digestPublicKeyFingerprint", fingerprint);
    d.put("digestSignatureAlgorithm", "SHA256withRSA");
    d.put("newestEventTime", ISO.format(end.minusSeconds(60)));
    d.put("oldestEventTime", ISO.format(end.minusSeconds(3500)));
    d.put("previousDigestS3Bucket", previous == null ? null : previous.bucket());
    d.put("previousDigestS3Object", previous == null ? null : previous.key());
    d.put("previousDigestHashValue", previous == null ? null : "00");
    d.put("previousDigestHashAlgorithm", previous == null ? null : "SHA-256");
    d.put("previousDigestSignature", previous == null ? null : previous.signature());
    ArrayNode files = d.putArray("logFiles");
    for (LogRef l : logs) {
      files
          .addObject()
          .put("s3Bucket", l.bucket())
          .put("s3Object", l.key())
          .put("hashValue", l.sha256())
          .put("hashAlgorithm", "SHA-256")
          .put("newestEventTime", ISO.format(end.minusSeconds(60)))
          .put("oldestEventTime", ISO.format(end.minusSeconds(3500)));
    }
    byte[] raw;
    try {
      raw = JSON.writeValueAsBytes(d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String toSign =
        ISO.format(end)
            + "\n"
            + bucket
            + "/"
            + key
            + "\n"
            + sha256(raw)
            + "\n"
            + (previous == null ? "null" : previous.signature());
    String signature = sign(signer, toSign);
    store.put(
        bucket,
        key,
        gzip(raw),
        Map.of("signature", signature, "signature-algorithm", "SHA256withRSA"));
    DigestRef ref = new DigestRef(bucket, key, signature);
    if (!backfill) {
      last = ref;
    }
    return ref;
  }

  public static String sign(PrivateKey key, String text) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] gzip(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String sha256(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(int tag, BigInteger value) {
    return der(tag, value.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] len =
        n < 0x80
            ? new byte[] {(byte) n}
            : n < 0x100
                ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    return concat(new byte[] {(byte) tag}, len, content);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
