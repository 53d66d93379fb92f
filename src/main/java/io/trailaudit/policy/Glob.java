package io.trailaudit.policy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled IAM wildcard pattern: {@code *} matches any sequence (including empty), {@code ?}
 * exactly one character, everything else itself. Besides matching a value, two patterns can be
 * compared as languages (inclusion and intersection), which is what "does this statement cover
 * every object of the bucket" style questions need.
 *
 * <p>Case sensitivity is chosen per operation because IAM compares actions case-insensitively but
 * resources and ARNs case-sensitively.
 */
public final class Glob {
  private static final byte LITERAL = 0;
  private static final byte ONE = 1;
  private static final byte ANY = 2;

  /** Matches no character at all; used for a policy variable that must not be assumed. */
  private static final byte NEVER = 3;

  /**
   * Bound on the states explored by {@link #includes}. Subset construction is exponential only for
   * contrived patterns (e.g. {@code *a?????????}); past the bound we answer "not included", which
   * is the conservative answer for every caller.
   */
  private static final int MAX_INCLUSION_STATES = 200_000;

  private final byte[] kinds;
  private final char[] chars;

  private Glob(byte[] kinds, char[] chars) {
    this.kinds = kinds;
    this.chars = chars;
  }

  /** Compiles {@code pattern} with {@code *} and {@code ?} as wildcards. */
  public static Glob of(String pattern) {
    Builder b = new Builder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        b.any();
      } else if (c == '?') {
        b.one();
      } else {
        b.literal(c);
      }
    }
    return b.build();
  }

  /** A pattern that matches exactly {@code text}; {@code *} and {@code ?} are plain characters. */
  public static Glob literal(String text) {
    return new Builder().literal(text).build();
  }

  /** The pattern matching every string that starts with {@code prefix} (taken literally). */
  public static Glob prefix(String prefix) {
    return new Builder().literal(prefix).any().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True when the pattern has only {@code *} tokens, i.e. matches every string. */
  public boolean matchesEverything() {
    if (kinds.length == 0) {
      return false;
    }
    for (byte k : kinds) {
      if (k != ANY) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code value} is in the pattern's language. Greedy matching that backtracks only to the
   * last {@code *}: O(pattern × value) in the worst case, never exponential.
   */
  public boolean matches(String value, boolean caseInsensitive) {
    int p = 0;
    int s = 0;
    int star = -1;
    int mark = 0;
    int m = kinds.length;
    int n = value.length();
    while (s < n) {
      if (p < m
          && (kinds[p] == ONE
              || kinds[p] == LITERAL && same(chars[p], value.charAt(s), caseInsensitive))) {
        p++;
        s++;
      } else if (p < m && kinds[p] == ANY) {
        star = p++;
        mark = s;
      } else if (star >= 0) {
        p = star + 1;
        s = ++mark;
      } else {
        return false;
      }
    }
    while (p < m && kinds[p] == ANY) {
      p++;
    }
    return p == m;
  }

  /**
   * Whether every string matched by {@code inner} is also matched by this pattern. Exact (a subset
   * construction over this pattern, explored along {@code inner}), except that it answers false
   * when the exploration exceeds a fixed bound.
   */
  public boolean includes(Glob inner, boolean caseInsensitive) {
    char[] alphabet = alphabet(caseInsensitive);
    Deque<State> queue = new ArrayDeque<>();
    Set<State> seen = new HashSet<>();
    BitSet startSet = new BitSet();
    startSet.set(0);
    push(new State(0, close(startSet)), queue, seen);
    int k = inner.kinds.length;
    while (!queue.isEmpty()) {
      if (seen.size() > MAX_INCLUSION_STATES) {
        return false;
      }
      State st = queue.poll();
      if (st.pos == k) {
        if (!st.set.get(kinds.length)) {
          return false;
        }
        continue;
      }
      byte kind = inner.kinds[st.pos];
      switch (kind) {
        case LITERAL -> {
          char c = inner.chars[st.pos];
          int sym = symbolOf(c, alphabet, caseInsensitive);
          push(new State(st.pos + 1, step(st.set, sym, alphabet, caseInsensitive)), queue, seen);
        }
        case ONE, ANY -> {
          int next = kind == ONE ? st.pos + 1 : st.pos;
          for (int sym = -1; sym < alphabet.length; sym++) {
            push(new State(next, step(st.set, sym, alphabet, caseInsensitive)), queue, seen);
          }
          if (kind == ANY) {
            push(new State(st.pos + 1, st.set), queue, seen);
          }
        }
        default -> {
          // NEVER: no string passes here, so nothing to check on this path.
        }
      }
    }
    return true;
  }

  /** Whether some string is matched by both this pattern and {@code other}. */
  public boolean intersects(Glob other, boolean caseInsensitive) {
    int m = kinds.length;
    int k = other.kinds.length;
    boolean[][] seen = new boolean[m + 1][k + 1];
    Deque<int[]> queue = new ArrayDeque<>();
    seen[0][0] = true;
    queue.add(new int[] {0, 0});
    while (!queue.isEmpty()) {
      int[] st = queue.poll();
      int i = st[0];
      int j = st[1];
      if (i == m && j == k) {
        return true;
      }
      byte a = i < m ? kinds[i] : NEVER;
      byte b = j < k ? other.kinds[j] : NEVER;
      if (a == ANY) {
        visit(i + 1, j, seen, queue);
      }
      if (b == ANY) {
        visit(i, j + 1, seen, queue);
      }
      if (a == NEVER || b == NEVER) {
        continue;
      }
      if (a == LITERAL && b == LITERAL && !same(chars[i], other.chars[j], caseInsensitive)) {
        continue;
      }
      visit(a == ANY ? i : i + 1, b == ANY ? j : j + 1, seen, queue);
    }
    return false;
  }

  private static void visit(int i, int j, boolean[][] seen, Deque<int[]> queue) {
    if (!seen[i][j]) {
      seen[i][j] = true;
      queue.add(new int[] {i, j});
    }
  }

  /** One representative per distinct literal of this pattern; symbol -1 is "any other char". */
  private char[] alphabet(boolean caseInsensitive) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == LITERAL) {
        char c = chars[i];
        boolean known = false;
        for (int x = 0; x < sb.length() && !known; x++) {
          known = same(sb.charAt(x), c, caseInsensitive);
        }
        if (!known) {
          sb.append(c);
        }
      }
    }
    return sb.toString().toCharArray();
  }

  private static int symbolOf(char c, char[] alphabet, boolean caseInsensitive) {
    for (int x = 0; x < alphabet.length; x++) {
      if (same(alphabet[x], c, caseInsensitive)) {
        return x;
      }
    }
    return -1;
  }

  private BitSet step(BitSet from, int sym, char[] alphabet, boolean caseInsensitive) {
    BitSet to = new BitSet();
    for (int i = from.nextSetBit(0); i >= 0 && i < kinds.length; i = from.nextSetBit(i + 1)) {
      switch (kinds[i]) {
        case ANY -> to.set(i);
        case ONE -> to.set(i + 1);
        case LITERAL -> {
          if (sym >= 0 && same(chars[i], alphabet[sym], caseInsensitive)) {
            to.set(i + 1);
          }
        }
        default -> {
          // NEVER consumes nothing.
        }
      }
    }
    return close(to);
  }

  /** Adds the states reachable by letting {@code *} match the empty string. */
  private BitSet close(BitSet set) {
    for (int i = set.nextSetBit(0); i >= 0 && i < kinds.length; i = set.nextSetBit(i + 1)) {
      if (kinds[i] == ANY) {
        set.set(i + 1);
      }
    }
    return set;
  }

  private static void push(State st, Deque<State> queue, Set<State> seen) {
    if (seen.add(st)) {
      queue.add(st);
    }
  }

  static boolean same(char a, char b, boolean caseInsensitive) {
    if (a == b) {
      return true;
    }
    if (!caseInsensitive) {
      return false;
    }
    char ua = Character.toUpperCase(a);
    char ub = Character.toUpperCase(b);
    return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g
        && java.util.Arrays.equals(kinds, g.kinds)
        && java.util.Arrays.equals(chars, g.chars);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(kinds) + java.util.Arrays.hashCode(chars);
  }

  /**
   * The pattern written back with {@code *}, {@code ?}; an unmatchable token shows as {@code ∅}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      switch (kinds[i]) {
        case ANY -> sb.append('*');
        case ONE -> sb.append('?');
        case NEVER -> sb.append('∅');
        default -> sb.append(chars[i]);
      }
    }
    return sb.toString();
  }

  // equals and hashCode by hand: a record's generated ones are linked through invokedynamic on
  // first use, about 7 ms of CPU at start-up for this one hot set key.
  private record State(int pos, BitSet set) {
    State {
      Objects.requireNonNull(set);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof State other && pos == other.pos && set.equals(other.set);
    }

    @Override
    public int hashCode() {
      return 31 * pos + set.hashCode();
    }
  }

  /** Builds a pattern token by token, e.g. to splice in policy variable values literally. */
  public static final class Builder {
    private final List<Byte> kinds = new ArrayList<>();
    private final StringBuilder chars = new StringBuilder();

    private Builder() {}

    public Builder literal(char c) {
      kinds.add(LITERAL);
      chars.append(c);
      return this;
    }

    public Builder literal(String text) {
      for (int i = 0; i < text.length(); i++) {
        literal(text.charAt(i));
      }
      return this;
    }

    public Builder one() {
      kinds.add(ONE);
      chars.append('?');
      return this;
    }

    /** Adds {@code *}; consecutive ones collapse, which keeps matching and inclusion small. */
    public Builder any() {
      if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != ANY) {
        kinds.add(ANY);
        chars.append('*');
      }
      return this;
    }

    /** Adds a token that no character matches: the whole pattern then matches nothing. */
    public Builder never() {
      kinds.add(NEVER);
      chars.append('\0');
      return this;
    }

    public Glob build() {
      byte[] k = new byte[kinds.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = kinds.get(i);
      }
      return new Glob(k, chars.toString().toCharArray());
    }
  }
}
