package io.trailaudit.filterpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the JSON filter pattern grammar:
 *
 * <pre>
 * pattern    = "{" or "}" | regex
 * or         = and { "||" and }
 * and        = unary { "&&" unary }
 * unary      = "(" or ")" | condition
 * condition  = selector ( op value | ("=" | "!=") regex | "IS" ( "NULL" | "TRUE" | "FALSE" )
 *              | "NOT" "EXISTS" )
 * regex      = "%" characters "%"       (at most two in a pattern, see {@link RegexTerm})
 * </pre>
 *
 * <p>{@code &&} binds tighter than {@code ||}: "the syntax follows standard order of operations ()
 * > && > ||" (CloudWatch Logs User Guide, JSON compound conditions).
 */
final class Parser {
  /** Deeper nesting is refused rather than risking the stack; real patterns nest two or three. */
  static final int MAX_DEPTH = 100;

  /** CloudWatch Logs allows two regular expressions in a JSON pattern. */
  static final int MAX_REGEXES = 2;

  private final String text;
  private int pos;
  private int regexes;

  private Parser(String text) {
    this.text = text;
  }

  static Condition parse(String text) {
    return new Parser(text).pattern();
  }

  private Condition pattern() {
    skipSpace();
    if (atEnd()) {
      throw error(
          "the empty pattern matches every event; only JSON filter patterns ({ ... }) are"
              + " supported",
          pos);
    }
    if (peek() == '%') {
      return wholeRegex();
    }
    if (peek() != '{') {
      throw error(
          "only JSON filter patterns ({ $.field = value }) and regular expressions (%...%) are"
              + " supported, not a "
              + (peek() == '[' ? "space-delimited" : "term")
              + " pattern",
          pos);
    }
    pos++;
    Condition c = or(0);
    skipSpace();
    if (atEnd()) {
      throw error("expected \"}\"", pos);
    }
    if (peek() == ')') {
      throw error("unbalanced \")\"", pos);
    }
    if (peek() != '}') {
      throw error("expected \"&&\", \"||\" or \"}\"", pos);
    }
    pos++;
    skipSpace();
    if (!atEnd()) {
      throw error("unexpected text after the closing \"}\"", pos);
    }
    return c;
  }

  /** {@code %regex%} as the whole pattern. */
  private Condition wholeRegex() {
    RegexTerm regex = regex();
    skipSpace();
    if (!atEnd()) {
      throw error("unexpected text after the regular expression", pos);
    }
    return new Condition.Text(regex);
  }

  /** {@code %...%} at the current position. */
  private RegexTerm regex() {
    int open = pos++;
    int close = text.indexOf('%', pos);
    if (close < 0) {
      throw error("unterminated regular expression (no closing %)", open);
    }
    RegexTerm term = RegexTerm.of(text.substring(pos, close), open);
    pos = close + 1;
    if (++regexes > MAX_REGEXES) {
      throw error("more than " + MAX_REGEXES + " regular expressions in one pattern", open);
    }
    return term;
  }

  private Condition or(int depth) {
    List<Condition> operands = new ArrayList<>();
    addFlattened(operands, and(depth), Condition.Or.class);
    while (consume("||")) {
      addFlattened(operands, and(depth), Condition.Or.class);
    }
    return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
  }

  private Condition and(int depth) {
    List<Condition> operands = new ArrayList<>();
    addFlattened(operands, unary(depth), Condition.And.class);
    while (consume("&&")) {
      addFlattened(operands, unary(depth), Condition.And.class);
    }
    return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
  }

  private static void addFlattened(
      List<Condition> operands, Condition c, Class<? extends Condition> kind) {
    if (c instanceof Condition.Or or && kind == Condition.Or.class) {
      operands.addAll(or.anyOf());
    } else if (c instanceof Condition.And and && kind == Condition.And.class) {
      operands.addAll(and.allOf());
    } else {
      operands.add(c);
    }
  }

  private Condition unary(int depth) {
    skipSpace();
    if (atEnd() || peek() == '}' || peek() == ')') {
      throw error("expected a condition", pos);
    }
    if (peek() == '(') {
      if (depth >= MAX_DEPTH) {
        throw error("parentheses nested more than " + MAX_DEPTH + " deep", pos);
      }
      pos++;
      Condition inner = or(depth + 1);
      skipSpace();
      if (atEnd() || peek() == '}') {
        throw error("expected \")\"", pos);
      }
      if (peek() != ')') {
        throw error("expected \"&&\", \"||\" or \")\"", pos);
      }
      pos++;
      return inner;
    }
    if (peek() != '$') {
      throw error("expected a selector starting with \"$.\"", pos);
    }
    return condition();
  }

  private Condition condition() {
    Selector selector = selector();
    skipSpace();
    int opStart = pos;
    if (atEnd() || peek() == '}' || peek() == ')') {
      throw error("expected an operator (=, !=, <, <=, >, >=, IS, NOT EXISTS)", pos);
    }
    if (Character.isLetter(peek())) {
      return keywords(selector);
    }
    Operator op = operator();
    if (op == null) {
      throw error("unknown operator \"" + peek() + "\"", opStart);
    }
    skipSpace();
    int valueStart = pos;
    if (!atEnd() && peek() == '%') {
      if (op != Operator.EQ && op != Operator.NE) {
        throw error(
            "a regular expression needs \"=\" or \"!=\", not \"" + op.symbol() + "\"", opStart);
      }
      return new Condition.Matches(selector, op == Operator.NE, regex());
    }
    Literal value = value();
    if (op.isRelational() && !value.numeric()) {
      throw error("expected a number after \"" + op.symbol() + "\"", valueStart);
    }
    return new Condition.Comparison(selector, op, value);
  }

  private Selector selector() {
    pos++; // the '$'
    List<Selector.Segment> segments = new ArrayList<>();
    while (!atEnd()) {
      if (peek() == '.') {
        pos++;
        int start = pos;
        while (!atEnd() && isNameChar(peek())) {
          pos++;
        }
        if (start == pos) {
          throw error("expected a property name", pos);
        }
        segments.add(new Selector.Field(text.substring(start, pos)));
      } else if (peek() == '[') {
        if (segments.isEmpty()) {
          break;
        }
        segments.add(new Selector.Index(index()));
      } else {
        break;
      }
    }
    if (segments.isEmpty()) {
      throw error("expected \".\" and a property name after \"$\"", pos);
    }
    return new Selector(segments);
  }

  private int index() {
    int open = pos++;
    int start = pos;
    while (!atEnd() && peek() >= '0' && peek() <= '9') {
      pos++;
    }
    if (start == pos) {
      throw error("expected an array index", pos);
    }
    if (pos - start > 9) {
      throw error("array index too large", start);
    }
    int index = Integer.parseInt(text.substring(start, pos));
    if (atEnd() || peek() != ']') {
      throw error("expected \"]\" to close the \"[\" at position " + open, pos);
    }
    pos++;
    return index;
  }

  private Operator operator() {
    char c = peek();
    boolean eq = pos + 1 < text.length() && text.charAt(pos + 1) == '=';
    if (c == '=' && eq) {
      throw error("unknown operator \"==\"", pos);
    }
    Operator op =
        switch (c) {
          case '=' -> Operator.EQ;
          case '!' -> eq ? Operator.NE : null;
          case '<' -> eq ? Operator.LE : Operator.LT;
          case '>' -> eq ? Operator.GE : Operator.GT;
          default -> null;
        };
    if (op != null) {
      pos += op.symbol().length();
    }
    return op;
  }

  private Condition keywords(Selector selector) {
    int start = pos;
    String first = word();
    if (first.equals("IS")) {
      skipSpace();
      int at = pos;
      String what = word();
      Condition.Is.State state =
          switch (what) {
            case "NULL" -> Condition.Is.State.NULL;
            case "TRUE" -> Condition.Is.State.TRUE;
            case "FALSE" -> Condition.Is.State.FALSE;
            default -> throw error("expected NULL, TRUE or FALSE after IS", at);
          };
      return new Condition.Is(selector, state);
    }
    if (first.equals("NOT")) {
      skipSpace();
      int at = pos;
      if (!word().equals("EXISTS")) {
        throw error("expected EXISTS after NOT", at);
      }
      return new Condition.Is(selector, Condition.Is.State.NOT_EXISTS);
    }
    if (first.equalsIgnoreCase("IS") || first.equalsIgnoreCase("NOT")) {
      // The docs write the keywords in upper case only, and filter patterns are case sensitive.
      throw error(
          "unknown operator \""
              + first
              + "\" (keywords are upper case: IS NULL, IS TRUE,"
              + " IS FALSE, NOT EXISTS)",
          start);
    }
    throw error("unknown operator \"" + first + "\"", start);
  }

  private String word() {
    int start = pos;
    while (!atEnd() && Character.isLetter(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private Literal value() {
    if (atEnd() || peek() == '}' || peek() == ')' || startsWith("&&") || startsWith("||")) {
      throw error("expected a value", pos);
    }
    if (peek() == '"') {
      return Literal.string(quoted());
    }
    int start = pos;
    while (!atEnd() && !isValueEnd()) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a value", pos);
    }
    String token = text.substring(start, pos);
    return Literal.looksNumeric(token) ? Literal.number(token) : Literal.string(token);
  }

  // The docs do not define escapes; \" and \\ are read as a quote and a backslash, any other
  // backslash is kept as written.
  private String quoted() {
    int open = pos++;
    StringBuilder sb = new StringBuilder();
    while (!atEnd()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && !atEnd() && (peek() == '"' || peek() == '\\')) {
        c = text.charAt(pos++);
      }
      sb.append(c);
    }
    throw error("unterminated string", open);
  }

  private boolean isValueEnd() {
    char c = peek();
    return Character.isWhitespace(c)
        || c == '('
        || c == ')'
        || c == '{'
        || c == '}'
        || c == '"'
        || startsWith("&&")
        || startsWith("||");
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private boolean consume(String token) {
    skipSpace();
    if (startsWith(token)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private boolean startsWith(String token) {
    return text.startsWith(token, pos);
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private static FilterPatternException error(String reason, int position) {
    return new FilterPatternException(reason, position);
  }
}
