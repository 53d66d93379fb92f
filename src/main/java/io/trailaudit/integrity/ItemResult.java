package io.trailaudit.integrity;

/**
 * The verdict on one digest or log file.
 *
 * @param reason why it is not valid, in the AWS CLI's words where it has some ({@code not found},
 *     {@code hash value doesn't match}, {@code signature verification failed} …); empty when valid
 */
public record ItemResult(Kind kind, String bucket, String key, Verdict verdict, String reason) {

  public enum Kind {
    DIGEST("Digest file"),
    LOG("Log file");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** As the AWS CLI prints it: {@code Digest file}, {@code Log file}. */
    public String label() {
      return label;
    }
  }

  public enum Verdict {
    VALID,
    /** Modified, moved, badly signed or malformed. */
    INVALID,
    /** Deleted: {@code NoSuchKey}. */
    NOT_FOUND,
    /** Could not be read (access denied, throttled, timed out …): neither valid nor invalid. */
    UNREADABLE
  }

  public ItemResult {
    reason = reason == null ? "" : reason;
  }

  public String s3Uri() {
    return "s3://" + bucket + "/" + key;
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  /**
   * The AWS CLI's line: {@code Digest file\ts3://b/k\tvalid} or {@code …\tINVALID: reason}; an
   * unreadable file (where the AWS CLI stops with a stack trace) is {@code …\tUNREADABLE: reason}.
   */
  public String line() {
    String status =
        switch (verdict) {
          case VALID -> "valid";
          case INVALID -> "INVALID: " + reason;
          case NOT_FOUND -> "INVALID: not found";
          case UNREADABLE -> "UNREADABLE: " + reason;
        };
    return kind.label() + "\t" + s3Uri() + "\t" + status;
  }
}
