package io.trailaudit.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operations trailaudit may call, by IAM service prefix, from {@code read-operations.json}.
 * {@link ReadOnlyGuard} refuses everything else; the IAM policy in {@code examples/iam} grants
 * exactly {@link #iamActions()}.
 */
public final class ReadOperations {
  private static final ReadOperations INSTANCE = load("read-operations.json", "read-only");
  private static final ReadOperations EXPORT =
      load("export-operations.json", "export (Security Hub import and update only)");

  /** service prefix → SDK operation name → IAM action */
  private final Map<String, Map<String, String>> operations;

  private final String purpose;

  private ReadOperations(Map<String, Map<String, String>> operations, String purpose) {
    this.operations = operations;
    this.purpose = purpose;
  }

  /** The reads of {@code audit} and {@code collect}. */
  public static ReadOperations get() {
    return INSTANCE;
  }

  /**
   * The only list with writes, {@code export-operations.json}: what {@code export security-hub}
   * calls, and nothing else ({@code examples/iam/trailaudit-export-policy.json} grants it).
   */
  public static ReadOperations export() {
    return EXPORT;
  }

  /** What the list is for, as the guard's refusal names it ({@code read-only}). */
  public String purpose() {
    return purpose;
  }

  public boolean allows(String service, String operation) {
    Map<String, String> ops = operations.get(service);
    return ops != null && ops.containsKey(operation);
  }

  /** Service prefix → operation names. */
  public Map<String, Set<String>> operations() {
    Map<String, Set<String>> result = new TreeMap<>();
    operations.forEach((service, ops) -> result.put(service, new TreeSet<>(ops.keySet())));
    return result;
  }

  /** Every IAM action the operations need, sorted. */
  public Set<String> iamActions() {
    Set<String> actions = new TreeSet<>();
    operations.values().forEach(ops -> actions.addAll(ops.values()));
    return actions;
  }

  private static ReadOperations load(String resource, String purpose) {
    try (InputStream in = ReadOperations.class.getResourceAsStream(resource)) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, Map<String, String>> operations = new TreeMap<>();
      for (Map.Entry<String, JsonNode> service : root.properties()) {
        if (service.getKey().startsWith("_")) {
          continue;
        }
        Map<String, String> ops = new TreeMap<>();
        service.getValue().properties().forEach(op -> ops.put(op.getKey(), op.getValue().asText()));
        operations.put(service.getKey(), Map.copyOf(ops));
      }
      return new ReadOperations(Map.copyOf(operations), purpose);
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " is unreadable", e);
    }
  }
}
