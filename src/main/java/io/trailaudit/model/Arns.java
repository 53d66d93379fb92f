package io.trailaudit.model;

/** An ARN's fields by name, empty when the text is not an ARN: shorthands of {@link Arn#parse}. */
public final class Arns {
  private Arns() {}

  /** The account field, or empty when the string is not an ARN or has none. */
  public static String account(String arn) {
    return Arn.parse(arn).map(Arn::account).orElse("");
  }

  public static String region(String arn) {
    return Arn.parse(arn).map(Arn::region).orElse("");
  }

  /** The partition, {@code aws} when the string is not an ARN. */
  public static String partition(String arn) {
    return Arn.parse(arn).map(Arn::partition).filter(p -> !p.isEmpty()).orElse("aws");
  }
}
