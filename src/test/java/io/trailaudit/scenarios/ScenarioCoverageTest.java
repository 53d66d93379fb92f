package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every check's behaviour is specified by data: PASS, FAIL and ERROR, every requirement. */
class ScenarioCoverageTest {
  private static final Map<String, Check> CHECKS = CheckScenariosTest.checks();
  private static final List<Scenario> SCENARIOS = CheckScenariosTest.scenarios().toList();

  @Test
  void everyScenarioFolderIsACheck() {
    Set<String> folders =
        ScenarioLoader.checkFolders(ScenarioLoader.root()).stream()
            .map(p -> p.getFileName().toString())
            .collect(Collectors.toSet());
    assertThat(CHECKS.keySet()).containsAll(folders);
  }

  @Test
  void everyCheckHasPassFailAndErrorCases() {
    for (String id : CHECKS.keySet()) {
      Set<Status> statuses =
          SCENARIOS.stream()
              .filter(s -> s.checkId().equals(id))
              .flatMap(s -> s.expect().stream())
              .map(Scenario.Expected::status)
              .collect(Collectors.toSet());
      assertThat(statuses)
          .as("statuses in the scenarios of %s", id)
          .contains(Status.PASS, Status.FAIL, Status.ERROR);
    }
  }

  @Test
  void everyRequirementAppearsInSomeCase() {
    Set<String> rules =
        SCENARIOS.stream()
            .flatMap(s -> s.expect().stream())
            .map(Scenario.Expected::rule)
            .collect(Collectors.toSet());
    for (Check c : CHECKS.values()) {
      for (RequirementInfo r : c.info().requirements()) {
        assertThat(rules).as("scenarios of %s", c.id()).contains(c.id() + "/" + r.id());
      }
    }
  }

  @Test
  void everyBaseSnapshotIsUsed() throws IOException {
    Path bases = ScenarioLoader.root().resolve(ScenarioLoader.BASES);
    Set<Path> used = SCENARIOS.stream().map(Scenario::base).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(bases)) {
      assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(used).contains(f));
    }
  }
}
