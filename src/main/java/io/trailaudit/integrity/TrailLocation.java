package io.trailaudit.integrity;

import io.trailaudit.model.Arn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a trail's digest files are, and how their keys are named:
 *
 * <pre>
 * [prefix/]AWSLogs/[o-org/]ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/
 *     ACCOUNT_CloudTrail-Digest_REGION_TRAILNAME_HOMEREGION_YYYYMMDDTHHMMSSZ[_backfill].json.gz
 * </pre>
 *
 * @param bucket the bucket the newest digests are in
 * @param prefix the trail's S3 key prefix, or null
 * @param organizationId the {@code o-…} path level of an organization trail, or null
 * @param accountId the account whose digests are validated (for an organization trail, a member)
 * @param trailName the trail's name (the last part of its ARN)
 * @param homeRegion the trail's home region (from its ARN)
 * @param sourceRegion the region whose digests are validated
 */
public record TrailLocation(
    String bucket,
    String prefix,
    String organizationId,
    String accountId,
    String trailName,
    String homeRegion,
    String sourceRegion) {

  private static final DateTimeFormatter KEY_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter YMD =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
  private static final String SUFFIX = ".json.gz";
  private static final String BACKFILL = "_backfill";
  private static final Pattern TRAIL_ARN = Pattern.compile("arn:.+:cloudtrail:.+:\\d{12}:trail/.+");

  public TrailLocation {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(trailName, "trailName");
    Objects.requireNonNull(homeRegion, "homeRegion");
    Objects.requireNonNull(sourceRegion, "sourceRegion");
    prefix = prefix == null || prefix.isEmpty() ? null : prefix;
    organizationId = organizationId == null || organizationId.isEmpty() ? null : organizationId;
  }

  /** Whether {@code arn} looks like a trail ARN, as the AWS CLI checks it. */
  public static boolean isTrailArn(String arn) {
    return arn != null && TRAIL_ARN.matcher(arn).matches();
  }

  /**
   * The location of {@code trailArn}'s digests in {@code bucket}.
   *
   * @param accountId the account to validate, or null for the trail's owner
   * @param sourceRegion the region to validate, or null for the trail's home region
   */
  public static TrailLocation of(
      String trailArn,
      String bucket,
      String prefix,
      String organizationId,
      String accountId,
      String sourceRegion) {
    Arn arn =
        Arn.parse(trailArn)
            .orElseThrow(() -> new IllegalArgumentException("not a trail ARN: " + trailArn));
    String home = arn.region();
    String name = arn.resourceName();
    return new TrailLocation(
        bucket,
        prefix,
        organizationId,
        accountId == null || accountId.isEmpty() ? arn.account() : accountId,
        name,
        home,
        sourceRegion == null || sourceRegion.isEmpty() ? home : sourceRegion);
  }

  /** The same location in another bucket (a chain can cross buckets). */
  TrailLocation inBucket(String other) {
    return new TrailLocation(
        other, prefix, organizationId, accountId, trailName, homeRegion, sourceRegion);
  }

  /** The key prefix every digest key of this location starts with. */
  public String digestFolder() {
    return (prefix == null ? "" : prefix + "/")
        + "AWSLogs/"
        + (organizationId == null ? "" : organizationId + "/")
        + accountId
        + "/CloudTrail-Digest/"
        + sourceRegion
        + "/";
  }

  /**
   * The key CloudTrail would have written at {@code time} minus one minute: the AWS CLI's list
   * marker, so that a digest ending exactly at the start is included.
   */
  public String listMarker(Instant time) {
    Instant t = time.minusSeconds(60);
    return digestFolder() + YMD.format(t) + "/" + fileStem() + KEY_DATE.format(t) + SUFFIX;
  }

  /** Whether {@code key} names a backfill digest ({@code …Z_backfill.json.gz}). */
  public static boolean isBackfill(String key) {
    return key.endsWith(BACKFILL + SUFFIX);
  }

  /**
   * The 16-character end timestamp of a digest key ({@code 20150816T230550Z}), backfill suffix
   * skipped; empty when the key has none.
   */
  public static String keyTimestamp(String key) {
    String stem = key.endsWith(SUFFIX) ? key.substring(0, key.length() - SUFFIX.length()) : key;
    if (stem.endsWith(BACKFILL)) {
      stem = stem.substring(0, stem.length() - BACKFILL.length());
    }
    return stem.length() < 16 ? "" : stem.substring(stem.length() - 16);
  }

  /** The end time in a digest key's name, if it has one. */
  public static Optional<Instant> keyTime(String key) {
    try {
      return Optional.of(Instant.from(KEY_DATE.parse(keyTimestamp(key))));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A time in the digest key format, for lexicographic comparison with {@link #keyTimestamp}. */
  static String keyFormat(Instant time) {
    return KEY_DATE.format(time);
  }

  private String fileStem() {
    return accountId
        + "_CloudTrail-Digest_"
        + sourceRegion
        + "_"
        + trailName
        + "_"
        + homeRegion
        + "_";
  }

  /**
   * Matches the digest keys of this trail in this location (backfill digests too), as the AWS CLI's
   * key regex does.
   */
  public Pattern digestKeyPattern() {
    return Pattern.compile(
        Pattern.quote(digestFolder())
            + "\\d+/\\d+/\\d+/"
            + Pattern.quote(fileStem())
            + ".+\\.json\\.gz");
  }
}
