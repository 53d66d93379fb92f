package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.checks.Check;
import io.trailaudit.checks.CheckRunner;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.files.InputFileException;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import io.trailaudit.testing.JsonPointers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fail closed on a snapshot's {@code null} or missing value, everywhere: every member and array
 * element of every scenario base snapshot and of the demo snapshot is set to {@code null} in turn,
 * and every member is left out in turn. The strict reader may refuse the result (a clear error
 * naming the place); if it accepts it, no check may throw, and no finding that was not PASS before
 * may become PASS. Less evidence never earns a PASS.
 */
class NullValueSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Members whose null or absence is a configuration of its own, not less evidence, by pattern
   * ({@code *} for any one step), and why.
   */
  private static final Map<String, String> MEANINGFUL =
      Map.of(
          "/accounts/*/trails/*/s3KeyPrefix",
          "no prefix: the trail writes to AWSLogs/ at the bucket root, which a table there covers");

  private enum Edit {
    NULL,
    REMOVE
  }

  @TestFactory
  Stream<DynamicTest> everyNull() throws IOException {
    Collection<Check> checks = CheckScenariosTest.checks().values();
    List<Path> snapshots = new ArrayList<>();
    try (Stream<Path> bases = Files.list(ScenarioLoader.root().resolve("_base"))) {
      bases.filter(p -> p.toString().endsWith(".json")).sorted().forEach(snapshots::add);
    }
    snapshots.add(Path.of("examples/snapshots/demo-org.json"));
    return snapshots.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> sweep(file, new CheckRunner(List.copyOf(checks)))));
  }

  private static void sweep(Path file, CheckRunner checks) throws IOException {
    JsonNode original = JSON.readTree(file.toFile());
    Map<String, Status> before = statuses(run(checks, parse(file, original)));
    List<String> problems = new ArrayList<>();
    int accepted = 0;
    for (String path : JsonPointers.paths(original)) {
      if (MEANINGFUL.keySet().stream().anyMatch(m -> matches(m, path))) {
        continue;
      }
      for (Edit edit : Edit.values()) {
        accepted += check(file, checks, original, before, path, edit, problems);
      }
    }
    assertThat(accepted).as("edits the reader accepted").isPositive();
    assertThat(problems).as("%s", file).isEmpty();
  }

  /** Applies one edit and records what went wrong; 1 when the reader accepted the result. */
  private static int check(
      Path file,
      CheckRunner checks,
      JsonNode original,
      Map<String, Status> before,
      String path,
      Edit edit,
      List<String> problems)
      throws IOException {
    JsonNode edited = original.deepCopy();
    if (!edit(edited, path, edit)) {
      return 0;
    }
    String what = path + (edit == Edit.NULL ? " = null" : " left out");
    Snapshot snapshot;
    try {
      snapshot = parse(file, edited);
    } catch (InputFileException refused) {
      return 0;
    }
    for (Finding f : run(checks, snapshot)) {
      // The runner reports a check that threw as an internal error of each of its requirements.
      if (f.message().startsWith("internal error in check ")) {
        problems.add(what + ": " + f.ruleId() + ": " + f.message());
      }
      Status was = before.get(key(f));
      if (f.status() == Status.PASS && was != null && was != Status.PASS) {
        problems.add(what + ": " + key(f) + " was " + was + ", now PASS");
      }
    }
    return 1;
  }

  private static boolean matches(String pattern, String path) {
    String[] want = pattern.split("/");
    String[] have = path.split("/");
    if (want.length != have.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }

  private static Snapshot parse(Path file, JsonNode tree) throws IOException {
    return Snapshots.parse(file.toString(), JSON.writeValueAsBytes(tree));
  }

  /** Every check, with the defaults, as {@code audit} runs them. */
  private static List<Finding> run(CheckRunner checks, Snapshot snapshot) {
    return checks.run(snapshot, AuditConfig.defaults(), checks.ids());
  }

  private static String key(Finding f) {
    return f.ruleId() + " " + f.account() + " " + f.region() + " " + f.resourceArn();
  }

  private static Map<String, Status> statuses(List<Finding> findings) {
    Map<String, Status> m = new HashMap<>();
    for (Finding f : findings) {
      m.merge(key(f), f.status(), (a, b) -> a == Status.PASS ? b : a);
    }
    return m;
  }

  /** Edits the node at {@code path}; false when the edit does not apply (removing an element). */
  private static boolean edit(JsonNode root, String path, Edit edit) {
    if (edit == Edit.NULL) {
      return JsonPointers.set(root, path, NullNode.getInstance());
    }
    return JsonPointers.parent(root, path) instanceof ObjectNode && JsonPointers.remove(root, path);
  }
}
