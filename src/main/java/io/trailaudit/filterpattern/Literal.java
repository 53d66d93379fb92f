package io.trailaudit.filterpattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The value side of a comparison: a number (written unquoted, such as {@code 400} or {@code 10e-3})
 * or a string, quoted or not. A string may start and/or end with the {@code *} wildcard.
 */
public record Literal(String text, boolean numeric) {
  // The NUMBER grammar of the CloudWatch Logs JSON pattern docs: an integer or decimal with an
  // optional sign, optionally followed by e and a signed integer.
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

  public Literal {
    if (text == null) {
      throw new NullPointerException("text");
    }
    if (numeric && !NUMBER.matcher(text).matches()) {
      throw new IllegalArgumentException("not a number: " + text);
    }
  }

  public static Literal string(String text) {
    return new Literal(text, false);
  }

  public static Literal number(String text) {
    return new Literal(text, true);
  }

  static boolean looksNumeric(String text) {
    return NUMBER.matcher(text).matches();
  }

  public BigDecimal numberValue() {
    return new BigDecimal(text);
  }

  /**
   * Whether a value node (string or number) equals this literal. A number literal compares
   * numerically with a number ({@code 400} equals {@code 400.0}) and textually with a string, so
   * {@code $.recipientAccountId = 111122223333} matches the string CloudTrail writes.
   */
  boolean equalsValue(JsonNode value) {
    if (numeric && value.isNumber()) {
      return value.decimalValue().compareTo(numberValue()) == 0;
    }
    return matchesText(value.isTextual() ? value.textValue() : value.asText());
  }

  /**
   * Wildcard matching as the AWS docs define it: {@code *Event} matches PutEvent, {@code Event*}
   * matches EventId, and a {@code *} inside the text ({@code Ev*ent}) is not a wildcard but the
   * character itself ("Ev*ent will only match the actual string Ev*ent", CloudWatch Logs User
   * Guide, Filter and pattern syntax, JSON STRING).
   */
  boolean matchesText(String value) {
    if (numeric) {
      return value.equals(text);
    }
    boolean leading = text.startsWith("*");
    boolean trailing = text.length() > 1 && text.endsWith("*");
    String core = text.substring(leading ? 1 : 0, text.length() - (trailing ? 1 : 0));
    if (leading && trailing) {
      return value.contains(core);
    }
    if (leading) {
      return value.endsWith(core);
    }
    if (trailing) {
      return value.startsWith(core);
    }
    return value.equals(core);
  }

  @Override
  public String toString() {
    if (numeric) {
      return text;
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
