package io.trailaudit.policy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One key of one condition operator: {@code "StringEquals": {"aws:SourceAccount": ["1", "2"]}}
 * becomes {@code Condition("StringEquals", "aws:SourceAccount", ["1", "2"])}. The operator is kept
 * as written; values are strings (booleans as {@code true}/{@code false}, numbers as written). Keys
 * and operators are compared case-insensitively.
 */
public record Condition(String operator, String key, List<String> values) {
  private static final String IF_EXISTS = "IfExists";

  /** The set operator prefix of a multivalued condition. */
  public enum Qualifier {
    NONE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  public Condition {
    values = List.copyOf(values);
  }

  public Qualifier qualifier() {
    String prefix = prefix();
    if (prefix.equalsIgnoreCase("ForAnyValue")) {
      return Qualifier.FOR_ANY_VALUE;
    }
    if (prefix.equalsIgnoreCase("ForAllValues")) {
      return Qualifier.FOR_ALL_VALUES;
    }
    return Qualifier.NONE;
  }

  /**
   * The operator without set prefix and {@code IfExists}: {@code ForAnyValue:StringLike} → {@code
   * StringLike}.
   */
  public String baseOperator() {
    String op =
        qualifier() == Qualifier.NONE ? operator : operator.substring(prefix().length() + 1);
    return ifExists() ? op.substring(0, op.length() - IF_EXISTS.length()) : op;
  }

  public boolean ifExists() {
    return operator.length() > IF_EXISTS.length()
        && operator.regionMatches(
            true, operator.length() - IF_EXISTS.length(), IF_EXISTS, 0, IF_EXISTS.length());
  }

  /** True for the "does not match" operators: {@code StringNotEquals}, {@code NotIpAddress}, … */
  public boolean isNegated() {
    return baseOperator().toLowerCase(Locale.ROOT).contains("not");
  }

  /**
   * Whether the base operator is {@code base}, e.g. {@code operatorIs("Bool")} for {@code
   * BoolIfExists}.
   */
  public boolean operatorIs(String base) {
    return baseOperator().equalsIgnoreCase(base);
  }

  public boolean keyIs(String otherKey) {
    return key.equalsIgnoreCase(otherKey);
  }

  public boolean keyIsAnyOf(Collection<String> keys) {
    return keys.stream().anyMatch(this::keyIs);
  }

  /** {@code StringEquals aws:SourceAccount [111111111111]}, for messages. */
  public String describe() {
    return operator + " " + key + " " + values;
  }

  private String prefix() {
    int colon = operator.indexOf(':');
    return colon > 0 ? operator.substring(0, colon) : "";
  }
}
