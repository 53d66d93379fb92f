package io.trailaudit.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A digest file as CloudTrail documents it, with what verifying it needs: the raw fields that are
 * signed, the SHA-256 of its uncompressed bytes and the signature from the object's metadata.
 */
record DigestFile(
    String digestStartTime,
    String digestEndTime,
    String digestS3Bucket,
    String digestS3Object,
    String digestPublicKeyFingerprint,
    String previousDigestSignature,
    String previousDigestS3Bucket,
    String previousDigestS3Object,
    List<LogFile> logFiles,
    String sha256Hex,
    String signature) {

  /** Fields the AWS CLI requires before it validates a digest. */
  private static final List<String> REQUIRED =
      List.of(
          "digestPublicKeyFingerprint",
          "digestS3Bucket",
          "digestS3Object",
          "previousDigestSignature",
          "digestEndTime",
          "digestStartTime");

  /** Digests are small (one line per log file of an hour); a bigger object is not a digest. */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * One log file a digest lists.
   *
   * @param hashValue the hex SHA-256 of its uncompressed bytes, as written
   */
  record LogFile(String s3Bucket, String s3Object, String hashValue) {}

  /** The digest is not a gzip JSON document with the required fields. */
  static final class FormatException extends Exception {
    FormatException(String message) {
      super(message);
    }
  }

  /** The object has no {@code signature} or {@code signature-algorithm} metadata. */
  static final class UnsignedException extends Exception {
    UnsignedException() {
      super("no signature metadata");
    }
  }

  /**
   * Reads a digest object, in the AWS CLI's order: gzip and JSON first, then the signature
   * metadata, then the required fields.
   */
  static DigestFile read(InputStream body, Map<String, String> metadata)
      throws IOException, FormatException, UnsignedException {
    byte[] inflated = inflate(body);
    JsonNode json;
    try {
      json = JSON.readTree(inflated);
    } catch (IOException e) {
      throw new FormatException("not JSON");
    }
    if (!metadata.containsKey("signature") || !metadata.containsKey("signature-algorithm")) {
      throw new UnsignedException();
    }
    if (json == null || !json.isObject()) {
      throw new FormatException("not a JSON object");
    }
    for (String field : REQUIRED) {
      if (!json.has(field)) {
        throw new FormatException("missing " + field);
      }
    }
    List<LogFile> logs = new ArrayList<>();
    JsonNode files = json.path("logFiles");
    if (files.isArray()) {
      for (JsonNode f : files) {
        logs.add(new LogFile(text(f, "s3Bucket"), text(f, "s3Object"), text(f, "hashValue")));
      }
    }
    return new DigestFile(
        text(json, "digestStartTime"),
        text(json, "digestEndTime"),
        text(json, "digestS3Bucket"),
        text(json, "digestS3Object"),
        text(json, "digestPublicKeyFingerprint"),
        text(json, "previousDigestSignature"),
        text(json, "previousDigestS3Bucket"),
        text(json, "previousDigestS3Object"),
        List.copyOf(logs),
        sha256Hex(inflated),
        metadata.get("signature"));
  }

  /**
   * What CloudTrail signs: {@code digestEndTime}, {@code bucket/key}, the hex SHA-256 of the
   * uncompressed digest and the previous digest's signature ({@code null} for the first digest of a
   * chain, written as the four letters).
   */
  String stringToSign() {
    return digestEndTime
        + "\n"
        + digestS3Bucket
        + "/"
        + digestS3Object
        + "\n"
        + sha256Hex
        + "\n"
        + (previousDigestSignature == null ? "null" : previousDigestSignature);
  }

  Instant startTime() {
    return parseTime(digestStartTime);
  }

  Instant endTime() {
    return parseTime(digestEndTime);
  }

  /**
   * A digest time: ISO-8601 as CloudTrail writes it ({@code 2015-08-17T14:01:31Z}) or the basic
   * form of key names.
   *
   * @throws DateTimeParseException with the AWS CLI's message when it is neither
   */
  static Instant parseTime(String value) {
    if (value != null) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.from(BASIC.parse(value));
        } catch (DateTimeParseException ignored) {
          // reported below
        }
      }
    }
    throw new DateTimeParseException(
        "Unable to parse date value: " + value, String.valueOf(value), 0);
  }

  private static byte[] inflate(InputStream body) throws IOException, FormatException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPInputStream gz = new GZIPInputStream(body, GzipHash.BUFFER)) {
      byte[] chunk = new byte[GzipHash.BUFFER];
      int n;
      while ((n = gz.read(chunk)) > 0) {
        out.write(chunk, 0, n);
        if (out.size() > MAX_BYTES) {
          throw new FormatException("larger than " + MAX_BYTES + " bytes");
        }
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new FormatException("not gzip: " + e.getMessage());
    }
    return out.toByteArray();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
