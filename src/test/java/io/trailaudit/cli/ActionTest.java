package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The GitHub Action, its self-test and the release workflow: well-formed YAML whose references
 * resolve. GitHub Actions cannot run here; scripts/action-run.sh, the action's audit step, is run
 * by .ci/run on the built jar.
 */
class ActionTest {
  static final JsonNode ACTION = yaml("action.yml");

  static JsonNode yaml(String file) {
    try {
      return CiExamplesTest.yaml(file);
    } catch (Exception e) {
      throw new AssertionError(file + " is not valid YAML", e);
    }
  }

  @Test
  void isACompositeActionWithTheInputsAndOutputs() {
    assertThat(ACTION.at("/runs/using").asText()).isEqualTo("composite");
    Set<String> inputs = new HashSet<>();
    ACTION.get("inputs").fieldNames().forEachRemaining(inputs::add);
    assertThat(inputs)
        .contains(
            "args",
            "snapshot",
            "formats",
            "output-dir",
            "fail-on",
            "upload-sarif",
            "version",
            "java-version");
    Set<String> outputs = new HashSet<>();
    ACTION.get("outputs").fieldNames().forEachRemaining(outputs::add);
    assertThat(outputs).contains("exit-code", "sarif", "json", "report-dir");
    for (JsonNode step : ACTION.at("/runs/steps")) {
      if (step.has("run")) {
        assertThat(step.get("shell").asText()).as(step.toString()).isEqualTo("bash");
      }
    }
  }

  @Test
  void everyReferencedInputIsDeclaredAndEveryOutputIsWrittenByTheScript() throws Exception {
    String text = Files.readString(Path.of("action.yml"));
    Matcher m = Pattern.compile("inputs\\.([a-z-]+)").matcher(text);
    while (m.find()) {
      assertThat(ACTION.get("inputs").has(m.group(1))).as(m.group(1)).isTrue();
    }
    String script = Files.readString(Path.of("scripts/action-run.sh"));
    ACTION
        .get("outputs")
        .properties()
        .forEach(
            o -> {
              String value = o.getValue().get("value").asText();
              Matcher ref = Pattern.compile("steps\\.audit\\.outputs\\.([a-z-]+)").matcher(value);
              assertThat(ref.find()).as(value).isTrue();
              assertThat(script).contains("echo \"" + ref.group(1) + "=");
            });
    assertThat(text)
        .contains("actions/setup-java@", "actions/cache@", "github/codeql-action/upload-sarif@");
  }

  @Test
  void theSelfTestUsesTheActionOnTheDemoSnapshotAndAssertsExitOneAndTheSarif() {
    JsonNode steps = yaml(".github/workflows/action-selftest.yml").at("/jobs/selftest/steps");
    JsonNode use = null;
    for (JsonNode s : steps) {
      if (s.path("uses").asText().equals("./")) {
        use = s;
      }
    }
    assertThat(use).isNotNull();
    assertThat(use.at("/with/snapshot").asText()).isEqualTo("examples/snapshots/demo-org.json");
    String all = steps.toString();
    assertThat(all).contains("test \\\"$CODE\\\" = \\\"1\\\"").contains("test -s \\\"$SARIF\\\"");
  }

  @Test
  void theReleaseWorkflowRunsOnTagsAndShipsTheArtifacts() throws Exception {
    JsonNode wf = yaml(".github/workflows/release.yml");
    assertThat(wf.at("/on/push/tags/0").asText()).isEqualTo("v*");
    String steps = wf.at("/jobs/release/steps").toString();
    assertThat(steps)
        .contains("scripts/build-image.sh")
        .contains("cyclonedx-maven-plugin")
        .contains("SHA256SUMS")
        .contains("docker build")
        .contains("env -i PATH=/usr/bin:/bin");
    assertThat(Files.readString(Path.of("Dockerfile")))
        .contains("USER nonroot")
        .contains("VOLUME")
        .contains("FROM gcr.io/distroless/");
    assertThat(Files.isExecutable(Path.of("src/dist/bin/trailaudit"))).isTrue();
    assertThat(Files.isExecutable(Path.of("scripts/build-image.sh"))).isTrue();
  }
}
