package io.trailaudit.filterpattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/** A node of a parsed JSON filter pattern. */
public sealed interface Condition
    permits Condition.Or,
        Condition.And,
        Condition.Comparison,
        Condition.Is,
        Condition.Matches,
        Condition.Text {

  /** Whether this condition holds for a JSON log event (an object). */
  boolean test(JsonNode event);

  /** {@code a || b || ...}: at least one holds. */
  record Or(List<Condition> anyOf) implements Condition {
    public Or {
      anyOf = List.copyOf(anyOf);
      if (anyOf.size() < 2) {
        throw new IllegalArgumentException("|| needs two operands");
      }
    }

    @Override
    public boolean test(JsonNode event) {
      for (Condition c : anyOf) {
        if (c.test(event)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return anyOf.stream().map(Condition::operand).collect(Collectors.joining(" || "));
    }
  }

  /** {@code a && b && ...}: all hold. */
  record And(List<Condition> allOf) implements Condition {
    public And {
      allOf = List.copyOf(allOf);
      if (allOf.size() < 2) {
        throw new IllegalArgumentException("&& needs two operands");
      }
    }

    @Override
    public boolean test(JsonNode event) {
      for (Condition c : allOf) {
        if (!c.test(event)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return allOf.stream().map(Condition::operand).collect(Collectors.joining(" && "));
    }
  }

  /**
   * {@code selector op value}. It holds only when the selector points at a string or a number: the
   * docs say a selector on an array or object makes both {@code =} and {@code !=} fail ("JSON
   * special considerations"), and CloudWatch treats a missing property the same way, so {@code
   * $.userIdentity.invokedBy != "x"} does not match an event without invokedBy (observed with the
   * console's "Test pattern", DataBiosphere/azul#5884). That is why CIS uses {@code NOT EXISTS}.
   */
  record Comparison(Selector selector, Operator operator, Literal value) implements Condition {
    public Comparison {
      if (operator.isRelational() && !value.numeric()) {
        throw new IllegalArgumentException(operator.symbol() + " needs a number, got " + value);
      }
    }

    @Override
    public boolean test(JsonNode event) {
      JsonNode node = selector.resolve(event);
      if (!node.isTextual() && !node.isNumber()) {
        return false;
      }
      return switch (operator) {
        case EQ -> value.equalsValue(node);
        case NE -> !value.equalsValue(node);
        default ->
            node.isNumber() && operator.holds(node.decimalValue().compareTo(value.numberValue()));
      };
    }

    @Override
    public String toString() {
      return selector + " " + operator.symbol() + " " + value;
    }
  }

  /** {@code IS NULL}, {@code IS TRUE}, {@code IS FALSE} or {@code NOT EXISTS}. */
  record Is(Selector selector, State state) implements Condition {
    /** What an {@link Is} condition tests for. */
    public enum State {
      NULL("IS NULL"),
      TRUE("IS TRUE"),
      FALSE("IS FALSE"),
      NOT_EXISTS("NOT EXISTS");

      private final String keywords;

      State(String keywords) {
        this.keywords = keywords;
      }

      public String keywords() {
        return keywords;
      }
    }

    @Override
    public boolean test(JsonNode event) {
      JsonNode node = selector.resolve(event);
      return switch (state) {
        case NULL -> node.isNull();
        case TRUE -> node.isBoolean() && node.booleanValue();
        case FALSE -> node.isBoolean() && !node.booleanValue();
        case NOT_EXISTS -> node.isMissingNode();
      };
    }

    @Override
    public String toString() {
      return selector + " " + state.keywords();
    }
  }

  /**
   * {@code selector = %regex%} or {@code selector != %regex%}: like a {@link Comparison}, it holds
   * only when the selector points at a string or a number, whose text the regex is then looked for
   * in.
   */
  record Matches(Selector selector, boolean negated, RegexTerm regex) implements Condition {
    @Override
    public boolean test(JsonNode event) {
      JsonNode node = selector.resolve(event);
      if (!node.isTextual() && !node.isNumber()) {
        return false;
      }
      return negated != regex.foundIn(node.asText());
    }

    @Override
    public String toString() {
      return selector + (negated ? " != " : " = ") + regex;
    }
  }

  /**
   * A whole pattern that is one regular expression ({@code %AccessDenied%}): it is looked for in
   * the event's text, here the record as compact JSON, the form CloudTrail delivers to CloudWatch
   * Logs.
   */
  record Text(RegexTerm regex) implements Condition {
    @Override
    public boolean test(JsonNode event) {
      return regex.foundIn(event.toString());
    }

    @Override
    public String toString() {
      return regex.toString();
    }
  }

  private static String operand(Condition c) {
    return c instanceof Or || c instanceof And ? "(" + c + ")" : c.toString();
  }
}
