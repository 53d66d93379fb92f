package io.trailaudit.model;

/** Small helpers for ARN strings ({@code arn:partition:service:region:account:resource}). */
public final class Arns {
  private Arns() {}

  /** The account field, or empty when the string is not an ARN or has none. */
  public static String account(String arn) {
    return field(arn, 4);
  }

  public static String region(String arn) {
    return field(arn, 3);
  }

  public static String partition(String arn) {
    String p = field(arn, 1);
    return p.isEmpty() ? "aws" : p;
  }

  private static String field(String arn, int index) {
    if (arn == null || !arn.startsWith("arn:")) {
      return "";
    }
    String[] parts = arn.split(":", 6);
    return parts.length > index ? parts[index] : "";
  }
}
