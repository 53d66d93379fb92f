package io.trailaudit.model;

/** S3 Block Public Access settings, of a bucket or of an account. */
public record PublicAccessBlock(
    boolean blockPublicAcls,
    boolean ignorePublicAcls,
    boolean blockPublicPolicy,
    boolean restrictPublicBuckets) {

  public boolean allEnabled() {
    return blockPublicAcls && ignorePublicAcls && blockPublicPolicy && restrictPublicBuckets;
  }
}
