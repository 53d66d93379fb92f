package io.trailaudit.checks.cloudwatchalerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.filterpattern.Condition;
import io.trailaudit.filterpattern.FilterPattern;
import io.trailaudit.filterpattern.Literal;
import io.trailaudit.filterpattern.Selector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds events the canonical pattern matches and a candidate does not: its holes. A pattern's
 * result depends only on the values at its selectors, so each required sample is varied at every
 * selector the candidate uses (alone, and in pairs of the selectors only the candidate uses), with
 * values derived from both patterns' literals (equal, near: longer, shorter, other case, wildcard
 * expansions; numbers one off) and generic ones (another string, empty, missing, null, a number, an
 * object). A variant counts only when the canonical pattern and each published wording of it that
 * meets the samples still match it, so a candidate may narrow where they narrow (root usage's
 * {@code invokedBy NOT EXISTS}, the SSO wording's {@code userIdentity.type = "IAMUser"}) and no
 * further. Fields CloudTrail writes in every record are varied as strings only, never removed.
 */
final class Holes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> ALWAYS_PRESENT =
      Set.of(
          "$.eventVersion",
          "$.eventTime",
          "$.eventSource",
          "$.eventName",
          "$.awsRegion",
          "$.sourceIPAddress",
          "$.userAgent",
          "$.eventID",
          "$.eventType",
          "$.recipientAccountId",
          "$.userIdentity",
          "$.userIdentity.type");
  private static final int MAX_REPORTED = 3;
  private static final List<String> TEXT_FREE_FIELDS =
      List.of(
          "$.awsRegion",
          "$.sourceIPAddress",
          "$.userAgent",
          "$.recipientAccountId",
          "$.userIdentity.arn",
          "$.userIdentity.accountId");

  private Holes() {}

  /** One event the candidate drops: the sample it came from and what was changed. */
  record Hole(String sample, String change) {
    @Override
    public String toString() {
      return sample + " with " + change;
    }
  }

  static List<Hole> find(
      FilterPattern candidate, List<FilterPattern> references, List<SampleEvent> samples) {
    if (references.contains(candidate)) {
      // An event every reference matches, this one among them, is one the candidate matches.
      return List.of();
    }
    FilterPattern canonical = references.get(0);
    Map<String, Selector> candidatePaths = new LinkedHashMap<>();
    List<Literal> literals = new ArrayList<>();
    boolean readsText = collect(candidate.condition(), candidatePaths, literals);
    Map<String, Selector> canonicalPaths = new LinkedHashMap<>();
    collect(canonical.condition(), canonicalPaths, literals);
    if (readsText) {
      // A whole-event regex reads every field: vary the canonical pattern's and the usual free
      // ones.
      canonicalPaths.forEach(candidatePaths::putIfAbsent);
      for (String free : TEXT_FREE_FIELDS) {
        Selector sel =
            FilterPattern.parse("{ " + free + " NOT EXISTS }").condition()
                    instanceof Condition.Is is
                ? is.selector()
                : null;
        candidatePaths.putIfAbsent(free, sel);
      }
    }
    Map<String, List<Value>> valuesAt = new LinkedHashMap<>();
    candidatePaths.keySet().forEach(path -> valuesAt.put(path, values(path, literals)));
    List<Hole> holes = new ArrayList<>();
    Set<String> reportedPaths = new LinkedHashSet<>();
    for (SampleEvent sample : samples) {
      JsonNode base = sample.event();
      for (Map.Entry<String, Selector> p : candidatePaths.entrySet()) {
        if (reportedPaths.contains(p.getKey())) {
          continue;
        }
        for (Value v : valuesAt.get(p.getKey())) {
          JsonNode variant = with(base, p.getValue(), v.node());
          if (variant != null && all(references, variant) && !candidate.matches(variant)) {
            holes.add(new Hole(sample.name(), describe(p.getKey(), v)));
            reportedPaths.add(p.getKey());
            break;
          }
        }
        if (holes.size() >= MAX_REPORTED) {
          return holes;
        }
      }
    }
    if (!holes.isEmpty()) {
      return holes;
    }
    // Pairs of fields the canonical pattern leaves free: (a != x || b != y) drops only a=x and b=y.
    List<Map.Entry<String, Selector>> free =
        candidatePaths.entrySet().stream()
            .filter(e -> !canonicalPaths.containsKey(e.getKey()))
            .toList();
    for (SampleEvent sample : samples) {
      JsonNode base = sample.event();
      for (int i = 0; i < free.size(); i++) {
        for (int j = i + 1; j < free.size(); j++) {
          var a = free.get(i);
          var b = free.get(j);
          for (Value va : valuesAt.get(a.getKey())) {
            JsonNode first = with(base, a.getValue(), va.node());
            if (first == null) {
              continue;
            }
            for (Value vb : valuesAt.get(b.getKey())) {
              JsonNode variant = with(first, b.getValue(), vb.node());
              if (variant != null && all(references, variant) && !candidate.matches(variant)) {
                holes.add(
                    new Hole(
                        sample.name(),
                        describe(a.getKey(), va) + " and " + describe(b.getKey(), vb)));
                return holes;
              }
            }
          }
        }
      }
    }
    return holes;
  }

  private static boolean all(List<FilterPattern> references, JsonNode event) {
    for (FilterPattern r : references) {
      if (!r.matches(event)) {
        return false;
      }
    }
    return true;
  }

  /** A value to put at a selector; a null node means the field is removed. */
  private record Value(JsonNode node) {}

  private static String describe(String path, Value v) {
    String field = path.substring(2);
    return v.node() == null ? "no " + field : field + " = " + v.node();
  }

  private static List<Value> values(String path, List<Literal> literals) {
    Set<JsonNode> out = new LinkedHashSet<>();
    // Plain other values first, so a finding names the likeliest dropped event.
    out.add(NODES.textNode("us-west-2"));
    out.add(NODES.textNode("198.51.100.7"));
    out.add(NODES.textNode("trailaudit-variant"));
    out.add(NODES.textNode(""));
    for (Literal l : literals) {
      if (l.numeric()) {
        BigDecimal n = l.numberValue();
        out.add(NODES.numberNode(n));
        out.add(NODES.numberNode(n.add(BigDecimal.ONE)));
        out.add(NODES.numberNode(n.subtract(BigDecimal.ONE)));
        out.add(NODES.textNode(l.text()));
      } else {
        String t = l.text();
        boolean leading = t.startsWith("*");
        boolean trailing = t.length() > 1 && t.endsWith("*");
        String core = t.substring(leading ? 1 : 0, t.length() - (trailing ? 1 : 0));
        for (String s :
            List.of(
                core,
                core + "x",
                "x" + core,
                "Client." + core,
                core + "Exception",
                core.toLowerCase(java.util.Locale.ROOT),
                core.toUpperCase(java.util.Locale.ROOT),
                core.isEmpty() ? "" : core.substring(0, core.length() - 1))) {
          out.add(NODES.textNode(s));
        }
      }
    }
    List<Value> values = new ArrayList<>();
    boolean always = ALWAYS_PRESENT.contains(path);
    for (JsonNode n : out) {
      if (!always || n.isTextual()) {
        values.add(new Value(n));
      }
    }
    if (!always) {
      values.add(new Value(null));
      values.add(new Value(NODES.nullNode()));
      values.add(new Value(NODES.numberNode(0)));
      values.add(new Value(NODES.booleanNode(true)));
      values.add(new Value(NODES.booleanNode(false)));
      values.add(new Value(NODES.objectNode().put("trailaudit", "variant")));
    }
    return values;
  }

  /** A copy of {@code event} with the selector's field set to {@code value} (removed if null). */
  private static JsonNode with(JsonNode event, Selector selector, JsonNode value) {
    JsonNode copy = event.deepCopy();
    JsonNode node = copy;
    List<Selector.Segment> segments = selector.segments();
    for (int i = 0; i < segments.size() - 1; i++) {
      Selector.Segment s = segments.get(i);
      JsonNode next;
      if (s instanceof Selector.Field f && node instanceof ObjectNode o) {
        next = o.get(f.name());
        if (next == null || !next.isContainerNode()) {
          if (value == null) {
            return copy;
          }
          next = segments.get(i + 1) instanceof Selector.Field ? o.putObject(f.name()) : null;
        }
      } else if (s instanceof Selector.Index ix && node.isArray() && ix.index() < node.size()) {
        next = node.get(ix.index());
      } else {
        return null;
      }
      if (next == null) {
        return null;
      }
      node = next;
    }
    Selector.Segment last = segments.get(segments.size() - 1);
    if (last instanceof Selector.Field f && node instanceof ObjectNode o) {
      if (value == null) {
        o.remove(f.name());
      } else {
        o.set(f.name(), value);
      }
      return copy;
    }
    if (last instanceof Selector.Index ix
        && node instanceof com.fasterxml.jackson.databind.node.ArrayNode a
        && ix.index() < a.size()
        && value != null) {
      a.set(ix.index(), value);
      return copy;
    }
    return null;
  }

  private static boolean collect(Condition c, Map<String, Selector> paths, List<Literal> literals) {
    boolean text = false;
    if (c instanceof Condition.Or or) {
      for (Condition x : or.anyOf()) {
        text |= collect(x, paths, literals);
      }
    } else if (c instanceof Condition.And and) {
      for (Condition x : and.allOf()) {
        text |= collect(x, paths, literals);
      }
    } else if (c instanceof Condition.Comparison cmp) {
      paths.putIfAbsent(cmp.selector().toString(), cmp.selector());
      literals.add(cmp.value());
    } else if (c instanceof Condition.Is is) {
      paths.putIfAbsent(is.selector().toString(), is.selector());
    } else if (c instanceof Condition.Matches m) {
      paths.putIfAbsent(m.selector().toString(), m.selector());
      regexLiterals(m.regex().source(), literals);
    } else if (c instanceof Condition.Text t) {
      regexLiterals(t.regex().source(), literals);
      text = true;
    }
    return text;
  }

  /** The regex source often is, or contains, the values it is meant for. */
  private static void regexLiterals(String source, List<Literal> literals) {
    for (String part : source.split("\\|")) {
      String plain = part.replaceAll("[\\^$\\\\]", "");
      if (plain.matches("[A-Za-z0-9:_#=@/;,.-]+")) {
        literals.add(Literal.string(plain));
      }
    }
  }
}
