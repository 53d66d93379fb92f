package io.trailaudit.filterpattern;

/** A comparison operator of a JSON filter pattern. */
public enum Operator {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** True for {@code <}, {@code <=}, {@code >} and {@code >=}, which take only numbers. */
  public boolean isRelational() {
    return this != EQ && this != NE;
  }

  boolean holds(int comparison) {
    return switch (this) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
    };
  }
}
