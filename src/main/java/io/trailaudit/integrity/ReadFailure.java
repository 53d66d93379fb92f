package io.trailaudit.integrity;

import java.io.IOException;

/**
 * A read from S3 or CloudTrail that failed: the IAM-style service and operation, the AWS error code
 * ({@code NoSuchKey}, {@code AccessDenied}, {@code Timeout} …) and the message.
 */
public final class ReadFailure extends IOException {
  public static final String NO_SUCH_KEY = "NoSuchKey";

  private final String service;
  private final String operation;
  private final String errorCode;

  public ReadFailure(String service, String operation, String errorCode, String message) {
    super(message == null ? "" : message);
    this.service = service;
    this.operation = operation;
    this.errorCode = errorCode;
  }

  public String service() {
    return service;
  }

  public String operation() {
    return operation;
  }

  public String errorCode() {
    return errorCode;
  }

  public boolean isNoSuchKey() {
    return NO_SUCH_KEY.equals(errorCode);
  }

  /** {@code s3:GetObject failed: AccessDenied (Access Denied)}. */
  public String reason() {
    String call = service + ":" + operation + " failed: " + errorCode;
    return getMessage().isEmpty() ? call : call + " (" + getMessage() + ")";
  }
}
