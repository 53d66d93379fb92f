package io.trailaudit.selectors;

import io.trailaudit.model.AdvancedEventSelector;
import io.trailaudit.model.EventSelectors;
import io.trailaudit.selectors.Coverage.Level;
import io.trailaudit.selectors.CoverageSolver.Outcome;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers "which events does this trail log?" from one trail's selectors, classic or advanced.
 * Selectors of one trail add up (a read-only and a write-only selector log both); selectors of
 * different trails do not, so make one evaluator per trail.
 */
public final class SelectorEvaluator {
  static final String S3_OBJECT = "AWS::S3::Object";
  static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
  static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";

  private final String partition;
  private final List<Selector> selectors;
  private final CoverageSolver solver;

  private SelectorEvaluator(String partition, List<Selector> selectors) {
    this.partition = partition;
    this.selectors = List.copyOf(selectors);
    this.solver = new CoverageSolver(selectors);
  }

  /** For a trail in the {@code aws} partition. */
  public static SelectorEvaluator of(EventSelectors selectors) {
    return of(selectors, "aws");
  }

  /**
   * For a trail in the given partition.
   *
   * @param partition the trail's ARN partition ({@code aws}, {@code aws-cn}, …), which resource
   *     ARNs start with
   */
  public static SelectorEvaluator of(EventSelectors selectors, String partition) {
    Objects.requireNonNull(selectors, "selectors");
    Objects.requireNonNull(partition, "partition");
    List<Selector> all = new ArrayList<>(ClassicSelectors.translate(selectors.classic()));
    List<AdvancedEventSelector> advanced = selectors.advanced();
    for (int i = 0; i < advanced.size(); i++) {
      all.add(Selector.of(advanced.get(i), i));
    }
    return new SelectorEvaluator(partition, all);
  }

  /** Management events of the asked kinds, with no event source excluded. */
  public Coverage management(boolean read, boolean write) {
    if (!read && !write) {
      throw new IllegalArgumentException("ask for read or write management events");
    }
    List<Part> parts = new ArrayList<>();
    for (ReadWrite rw : directions(read, write)) {
      parts.add(new Part(rw.label(), EventSets.management(rw)));
    }
    return answer("management events", parts);
  }

  /**
   * Management events of each named event source (e.g. {@code iam.amazonaws.com}), of the asked
   * kinds; the explanation names the sources and kinds not fully logged.
   */
  public Coverage managementOf(List<String> eventSources, boolean read, boolean write) {
    if ((!read && !write) || eventSources.isEmpty()) {
      throw new IllegalArgumentException("ask for read or write events of some event source");
    }
    List<Part> parts = new ArrayList<>();
    for (String source : eventSources) {
      for (ReadWrite rw : directions(read, write)) {
        parts.add(
            new Part(
                source + " " + rw.label(),
                EventSets.management(rw).with(Fields.EVENT_SOURCE, exact(source))));
      }
    }
    return answer("management events", parts);
  }

  /**
   * S3 object-level events of one direction: in every bucket when {@code bucketNames} is empty,
   * else in each named bucket (the explanation names those not fully logged).
   */
  public Coverage s3Objects(ReadWrite rw, List<String> bucketNames) {
    String base = "arn:" + partition + ":s3:::";
    String subject = "S3 object " + rw.label() + " events";
    if (bucketNames.isEmpty()) {
      Part all = new Part("all buckets", EventSets.data(S3_OBJECT, rw, startingWith(base)));
      return answer(subject, List.of(all));
    }
    List<Part> parts = new ArrayList<>();
    for (String bucket : bucketNames) {
      parts.add(
          new Part(
              "bucket " + bucket,
              EventSets.data(S3_OBJECT, rw, startingWith(base + bucket + "/"))));
    }
    return answer(subject, parts);
  }

  /**
   * Lambda data events (invocations) for every function, read and write: whether invocations are
   * recorded as readOnly is not something this evaluator assumes.
   */
  public Coverage lambdaInvocations() {
    return allResources(
        "Lambda data events for all functions",
        LAMBDA_FUNCTION,
        "lambda",
        EnumSet.allOf(ReadWrite.class));
  }

  /** DynamoDB data events for every table, read and write. */
  public Coverage dynamoDbItems() {
    return dynamoDbItems(EnumSet.allOf(ReadWrite.class));
  }

  /** DynamoDB data events for every table, of one direction. */
  public Coverage dynamoDbItems(ReadWrite rw) {
    return dynamoDbItems(EnumSet.of(rw));
  }

  /** DynamoDB data events for every table, of the asked directions (at least one). */
  public Coverage dynamoDbItems(Set<ReadWrite> directions) {
    return allResources(
        "DynamoDB data events for all tables", DYNAMODB_TABLE, "dynamodb", directions);
  }

  /**
   * Data events of any resource type for every resource of it, of the asked directions (at least
   * one). Without a known ARN shape, any condition on resources.ARN counts as narrowing.
   */
  public Coverage dataEvents(String resourceType, Set<ReadWrite> directions) {
    requireDirections(directions);
    List<Part> parts = new ArrayList<>();
    for (ReadWrite rw : EnumSet.copyOf(directions)) {
      parts.add(new Part(rw.label(), EventSets.data(resourceType, rw, null)));
    }
    return answer(resourceType + " data events", parts);
  }

  /**
   * Network activity events of one event source, e.g. {@code kms.amazonaws.com}: all of them, only
   * those denied by a VPC endpoint policy, some, or none.
   */
  public NetworkCoverage networkActivity(String eventSource) {
    String subject = eventSource + " network activity events";
    EventSet all = EventSets.network(eventSource);
    Outcome everything = solver.solve(all);
    if (everything.level() == Level.FULL) {
      return new NetworkCoverage(
          NetworkCoverage.Level.FULL, subject + " logged by " + join(everything.by()));
    }
    Outcome denied = solver.solve(all.with(Fields.ERROR_CODE, exact(Fields.VPCE_ACCESS_DENIED)));
    if (denied.level() == Level.FULL) {
      return new NetworkCoverage(
          NetworkCoverage.Level.ERRORS_ONLY,
          "only "
              + subject
              + " with errorCode="
              + Fields.VPCE_ACCESS_DENIED
              + " logged, by "
              + join(denied.by())
              + reasons(everything));
    }
    String explanation = explain(subject, everything);
    return everything.level() == Level.PARTIAL
        ? new NetworkCoverage(NetworkCoverage.Level.PARTIAL, explanation)
        : new NetworkCoverage(NetworkCoverage.Level.NONE, explanation);
  }

  /** Whether any selector may log data events (of any resource type). */
  public boolean hasDataEvents() {
    for (ReadWrite rw : ReadWrite.values()) {
      EventSet data = EventSets.anyData(rw);
      if (selectors.stream().anyMatch(s -> logsSome(s, data))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The resources.type values some selector logs data events of, sorted. Only types a selector
   * names with Equals can be listed; {@link #hasDataEvents()} also sees selectors that do not.
   */
  public List<String> loggedDataResourceTypes() {
    Set<String> types = new TreeSet<>();
    for (Selector s : selectors) {
      for (Condition c : s.conditions()) {
        if (!c.field().equals(Fields.RESOURCES_TYPE)) {
          continue;
        }
        for (String type : c.equalsValues()) {
          for (ReadWrite rw : ReadWrite.values()) {
            if (logsSome(s, EventSets.anyData(rw).with(Fields.RESOURCES_TYPE, exact(type)))) {
              types.add(type);
            }
          }
        }
      }
    }
    return List.copyOf(types);
  }

  private static boolean logsSome(Selector s, EventSet set) {
    return !(s.against(set) instanceof Verdict.Disjoint);
  }

  private Coverage allResources(
      String subject, String resourceType, String service, Set<ReadWrite> directions) {
    requireDirections(directions);
    Constraint arns = startingWith("arn:" + partition + ":" + service + ":");
    List<Part> parts = new ArrayList<>();
    for (ReadWrite rw : EnumSet.copyOf(directions)) {
      parts.add(new Part(rw.label(), EventSets.data(resourceType, rw, arns)));
    }
    return answer(subject, parts);
  }

  /** One piece of a question, e.g. the read events, or one bucket's. */
  private record Part(String scope, EventSet set) {}

  /** Solves every part; parts with the same outcome share one sentence of the explanation. */
  private Coverage answer(String subject, List<Part> parts) {
    Map<Outcome, List<String>> scopesByOutcome = new LinkedHashMap<>();
    Set<String> by = new LinkedHashSet<>();
    int full = 0;
    int none = 0;
    for (Part p : parts) {
      Outcome o = solver.solve(p.set());
      if (o.level() == Level.FULL) {
        full++;
        by.addAll(o.by());
        o = new Outcome(Level.FULL, Set.of(), Set.of());
      }
      none += o.level() == Level.NONE ? 1 : 0;
      scopesByOutcome.computeIfAbsent(o, k -> new ArrayList<>()).add(p.scope());
    }
    if (full == parts.size()) {
      return new Coverage(
          Level.FULL,
          scoped(subject, scopesByOutcome.values().iterator().next()) + " logged by " + join(by));
    }
    List<String> sentences = new ArrayList<>();
    scopesByOutcome.forEach(
        (o, scopes) -> {
          if (o.level() != Level.FULL) {
            sentences.add(explain(scoped(subject, scopes), o));
          }
        });
    Level level = none == parts.size() ? Level.NONE : Level.PARTIAL;
    return new Coverage(level, String.join("; ", sentences));
  }

  private static String scoped(String subject, List<String> scopes) {
    return subject + " (" + String.join(", ", scopes) + ")";
  }

  private static String explain(String what, Outcome o) {
    return switch (o.level()) {
      case FULL -> what + " logged by " + join(o.by());
      case PARTIAL -> what + " only partly logged: " + String.join("; ", o.reasons());
      case NONE -> what + " not logged" + reasons(o);
    };
  }

  private static String reasons(Outcome o) {
    return o.reasons().isEmpty() ? "" : " (" + String.join("; ", o.reasons()) + ")";
  }

  private static Constraint exact(String value) {
    return new Constraint.Exact(value);
  }

  private static Constraint startingWith(String prefix) {
    return Constraint.startingWith(prefix);
  }

  private static String join(Set<String> labels) {
    return String.join(", ", labels);
  }

  private static List<ReadWrite> directions(boolean read, boolean write) {
    List<ReadWrite> out = new ArrayList<>();
    if (read) {
      out.add(ReadWrite.READ);
    }
    if (write) {
      out.add(ReadWrite.WRITE);
    }
    return out;
  }

  private static void requireDirections(Set<ReadWrite> directions) {
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("ask for read or write events");
    }
  }
}
