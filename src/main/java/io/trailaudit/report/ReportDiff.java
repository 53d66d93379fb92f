package io.trailaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.files.InputFileException;
import io.trailaudit.files.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The difference between two JSON reports: failures that are new, fixed or unchanged, findings
 * keyed by rule id, account, region and resource ARN. Reports are read as trees, so fields added by
 * later versions are ignored; a file that is not a trailaudit report is an error naming it.
 *
 * @param newFailures FAIL now, not FAIL in the base report (absent, PASS, MUTED, ...)
 * @param fixed FAIL in the base report, not FAIL now; {@code now} is null when the finding is gone
 * @param unchanged FAIL in both
 */
public record ReportDiff(List<Change> newFailures, List<Change> fixed, List<Change> unchanged) {

  public ReportDiff {
    newFailures = List.copyOf(newFailures);
    fixed = List.copyOf(fixed);
    unchanged = List.copyOf(unchanged);
  }

  /** What identifies a finding across runs. */
  public record Key(String ruleId, String account, String region, String resourceArn) {}

  /** One finding of a report, as much of it as the diff needs. */
  public record Entry(Key key, Status status, Severity severity, String message) {}

  /**
   * A failure in the diff. Field order is the order of the JSON output.
   *
   * @param before the status in the base report, or null when it had no such finding
   * @param now the status in the current report, or null when it has no such finding
   */
  public record Change(
      String ruleId,
      String account,
      String region,
      String resourceArn,
      Severity severity,
      Status before,
      Status now,
      String message) {
    static Change of(Entry base, Entry current) {
      Entry e = current != null ? current : base;
      return new Change(
          e.key().ruleId(),
          e.key().account(),
          e.key().region(),
          e.key().resourceArn(),
          e.severity(),
          base == null ? null : base.status(),
          current == null ? null : current.status(),
          e.message());
    }
  }

  /** Compares two reports' findings; output follows the current report's order, then the base. */
  public static ReportDiff of(List<Entry> base, List<Entry> current) {
    Map<Key, Entry> before = byKey(base);
    Map<Key, Entry> now = byKey(current);
    List<Change> added = new ArrayList<>();
    List<Change> fixed = new ArrayList<>();
    List<Change> unchanged = new ArrayList<>();
    for (Entry c : now.values()) {
      Entry b = before.get(c.key());
      boolean failedBefore = b != null && b.status() == Status.FAIL;
      if (c.status() == Status.FAIL) {
        (failedBefore ? unchanged : added).add(Change.of(b, c));
      } else if (failedBefore) {
        fixed.add(Change.of(b, c));
      }
    }
    for (Entry b : before.values()) {
      if (b.status() == Status.FAIL && !now.containsKey(b.key())) {
        fixed.add(Change.of(b, null));
      }
    }
    return new ReportDiff(added, fixed, unchanged);
  }

  /** One entry per key; should a key repeat, a FAIL among them stands for it. */
  private static Map<Key, Entry> byKey(List<Entry> entries) {
    Map<Key, Entry> map = new LinkedHashMap<>();
    for (Entry e : entries) {
      map.merge(e.key(), e, (old, add) -> old.status() == Status.FAIL ? old : add);
    }
    return map;
  }

  /** Reads the findings of a JSON report written by {@code trailaudit audit --format json}. */
  public static List<Entry> read(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new InputFileException(name + ": no such file");
    } catch (JsonProcessingException e) {
      throw JsonErrors.describe(name, e);
    } catch (IOException e) {
      throw new InputFileException(name + ": cannot read: " + e.getMessage(), e);
    }
    String notReport =
        name + ": not a trailaudit JSON report (from 'trailaudit audit --format json')";
    if (root == null || !root.isObject() || !AuditReport.TOOL.equals(root.path("tool").asText())) {
      throw new InputFileException(notReport + ": at $.tool: expected \"trailaudit\"");
    }
    JsonNode findings = root.get("findings");
    if (findings == null || !findings.isArray()) {
      throw new InputFileException(notReport + ": at $.findings: expected an array");
    }
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      JsonNode f = findings.get(i);
      String at = name + ": at $.findings[" + i + "]";
      if (!f.isObject()) {
        throw new InputFileException(at + ": expected an object");
      }
      Key key =
          new Key(
              text(f, "ruleId", at),
              text(f, "account", at),
              text(f, "region", at),
              text(f, "resourceArn", at));
      String status = text(f, "status", at);
      String severity = text(f, "severity", at);
      Status st;
      Severity sev;
      try {
        st = Status.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw new InputFileException(at + ".status: unknown status \"" + status + "\"");
      }
      try {
        sev = Severity.parse(severity);
      } catch (IllegalArgumentException e) {
        throw new InputFileException(at + ".severity: " + e.getMessage());
      }
      out.add(new Entry(key, st, sev, f.path("message").asText("")));
    }
    return out;
  }

  private static String text(JsonNode finding, String field, String at) {
    JsonNode v = finding.get(field);
    if (v == null || !v.isTextual()) {
      throw new InputFileException(at + "." + field + ": missing or not a string");
    }
    return v.asText();
  }
}
