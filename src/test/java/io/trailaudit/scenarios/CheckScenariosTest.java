package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.ConfigLoader;
import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario under {@code src/test/resources/checks}: one test per case, named {@code
 * check / file / case}. The snapshot goes through the strict reader of {@code audit --snapshot} and
 * the configuration through the loader of {@code --config}.
 */
class CheckScenariosTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, Check> checks() {
    return ServiceLoader.load(Check.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(Check::id, Function.identity()));
  }

  static Stream<Scenario> scenarios() {
    Path root = ScenarioLoader.root();
    return ScenarioLoader.checkFolders(root).stream()
        .flatMap(folder -> ScenarioLoader.files(folder).stream())
        .flatMap(file -> ScenarioLoader.load(root, file).stream());
  }

  @TestFactory
  Stream<DynamicTest> scenario() {
    Map<String, Check> checks = checks();
    return scenarios()
        .map(s -> DynamicTest.dynamicTest(displayName(s), s.file().toUri(), () -> run(checks, s)));
  }

  static String displayName(Scenario s) {
    String file = s.file().getFileName().toString().replaceFirst("\\.yaml$", "");
    return s.checkId() + " / " + file + " / " + s.name();
  }

  private static void run(Map<String, Check> checks, Scenario s) throws IOException {
    Check check = checks.get(s.checkId());
    assertThat(check).as("a check with id %s (the folder name)", s.checkId()).isNotNull();
    List<Finding> actual = check.evaluate(snapshot(s), config(s, checks));
    List<String> problems = ScenarioVerifier.problems(s.checkId(), s.expect(), s.others(), actual);
    assertThat(problems)
        .as(
            "%s%n  %s%nexpected:%n%s%nactual:%n%s",
            displayName(s),
            s.description(),
            s.expect().stream()
                .map(x -> "  " + x.status() + " " + ScenarioVerifier.describe(x))
                .collect(Collectors.joining("\n")),
            actual.stream()
                .map(f -> "  " + ScenarioVerifier.line(f))
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }

  static Snapshot snapshot(Scenario s) throws IOException {
    JsonNode tree = JSON.readTree(s.base().toFile());
    for (JsonEdits.Edit e : s.edits()) {
      JsonEdits.apply(tree, e);
    }
    return Snapshots.parse(displayName(s), JSON.writeValueAsBytes(tree));
  }

  private static AuditConfig config(Scenario s, Map<String, Check> checks) {
    return ConfigLoader.parse(
        displayName(s) + " config",
        s.config(),
        checks.keySet(),
        checks.values().stream().flatMap(c -> c.info().parameters().stream()).toList());
  }
}
