package io.trailaudit.filterpattern;

import java.util.regex.Pattern;

/**
 * A CloudWatch Logs regular expression, written between {@code %} signs. The service accepts only
 * letters, digits, the symbols {@code : _ # = @ / ; , -} and the operators {@code ^ $ ? [ ] { } | \
 * * + .}; it rejects parentheses and multibyte characters (CloudWatch Logs User Guide, "Supported
 * regular expressions (regex) syntax"). A regex matches when it is found anywhere in the text
 * ({@code ^} and {@code $} anchor it). That subset means the same in {@code java.util.regex}, with
 * one reservation: a backslash before a letter is accepted only for {@code \d \D \s \S \w \W}, as
 * other escapes ({@code \b}, {@code \Q}, {@code \p}…) may not mean in CloudWatch what they mean in
 * Java; such a pattern is refused as one that cannot be evaluated.
 */
public record RegexTerm(String source, Pattern compiled) {
  private static final String SYMBOLS = ":_#=@/;,-";
  private static final String OPERATORS = "^$?[]{}|\\*+.";
  private static final String CLASS_ESCAPES = "dDsSwW";

  public RegexTerm {
    if (source == null || compiled == null) {
      throw new NullPointerException("source");
    }
  }

  /**
   * Validates and compiles the text between the {@code %} signs.
   *
   * @param at the position of the opening {@code %}, for error messages
   */
  static RegexTerm of(String body, int at) {
    if (body.isEmpty()) {
      throw new FilterPatternException("empty regular expression %%", at);
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int where = at + 1 + i;
      if (c == '(' || c == ')') {
        throw new FilterPatternException(
            "CloudWatch Logs regular expressions do not support \"" + c + "\"", where);
      }
      if (c == '\\') {
        if (i + 1 >= body.length()) {
          throw new FilterPatternException("a regular expression cannot end with \"\\\"", where);
        }
        char next = body.charAt(i + 1);
        if (Character.isLetterOrDigit(next) && CLASS_ESCAPES.indexOf(next) < 0) {
          throw new FilterPatternException(
              "the escape \\" + next + " in a regular expression cannot be evaluated", where);
        }
        if (!allowed(next)) {
          throw new FilterPatternException(
              "character \"" + next + "\" is not allowed in a CloudWatch Logs regular expression",
              where + 1);
        }
        i++;
        continue;
      }
      if (!allowed(c)) {
        throw new FilterPatternException(
            "character \"" + c + "\" is not allowed in a CloudWatch Logs regular expression",
            where);
      }
    }
    try {
      return new RegexTerm(body, Pattern.compile(body));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new FilterPatternException(
          "malformed regular expression: " + e.getDescription(), at + 1);
    }
  }

  private static boolean allowed(char c) {
    return c < 128
        && (Character.isLetterOrDigit(c) || SYMBOLS.indexOf(c) >= 0 || OPERATORS.indexOf(c) >= 0);
  }

  /** Whether the regex is found in {@code text}. */
  public boolean foundIn(String text) {
    return compiled.matcher(text).find();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegexTerm r && r.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return "%" + source + "%";
  }
}
