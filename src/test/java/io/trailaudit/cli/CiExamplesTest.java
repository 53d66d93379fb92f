package io.trailaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CI examples are well-formed YAML and run the options that exist. */
class CiExamplesTest {
  static JsonNode yaml(String file) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(Path.of(file).toFile());
  }

  @Test
  void githubActionsWorkflow() throws Exception {
    JsonNode wf = yaml("examples/github-actions/trailaudit.yml");
    assertThat(wf.at("/permissions/id-token").asText()).isEqualTo("write");
    assertThat(wf.at("/permissions/security-events").asText()).isEqualTo("write");
    assertThat(wf.at("/permissions/contents").asText()).isEqualTo("read");
    String steps = wf.at("/jobs/audit/steps").toString();
    assertThat(steps)
        .contains("aws-actions/configure-aws-credentials")
        .contains("role-to-assume")
        .doesNotContain("mvn ");
    JsonNode action = actionStep(wf);
    assertThat(action.at("/with/args").asText()).isEqualTo("--org --member-role TrailauditAudit");
    assertThat(action.at("/with/formats").asText()).isEqualTo("sarif,json");
    assertThat(action.at("/with/output-dir").asText()).isEqualTo("reports");
    assertThat(action.at("/with/fail-on").asText()).isEqualTo("critical");
    assertThat(action.at("/with/upload-sarif").asText()).isEqualTo("true");
    assertThat(action.at("/with/java-version").asText()).isEqualTo("17");
  }

  static JsonNode actionStep(JsonNode wf) {
    for (JsonNode step : wf.at("/jobs/audit/steps")) {
      if (step.path("uses").asText().startsWith("trailaudit/trailaudit@")) {
        return step;
      }
    }
    throw new AssertionError("no step uses trailaudit/trailaudit");
  }

  @Test
  void gitlabPipeline() throws Exception {
    JsonNode job = yaml("examples/gitlab-ci.yml").get("trailaudit");
    assertThat(job.get("allow_failure").asBoolean(true)).isFalse();
    assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");
    assertThat(job.at("/artifacts/paths/0").asText()).isEqualTo("reports/");
    assertThat(job.get("script").toString())
        .contains("--output-dir reports --formats sarif,json,text")
        .contains("--org --member-role TrailauditAudit")
        .contains("--fail-on critical");
  }

  /** The examples' audit command lines parse, and pass the collection options' own checks. */
  @Test
  void theExampleAuditCommandsAreValid() throws Exception {
    JsonNode with = actionStep(yaml("examples/github-actions/trailaudit.yml")).get("with");
    // The command line action.yml's scripts/action-run.sh builds from the inputs.
    String github =
        "java -jar target/trailaudit.jar audit "
            + with.get("args").asText()
            + " --output-dir "
            + with.get("output-dir").asText()
            + " --formats "
            + with.get("formats").asText()
            + " --fail-on "
            + with.get("fail-on").asText();
    String gitlab = yaml("examples/gitlab-ci.yml").get("trailaudit").get("script").toString();
    for (String example : List.of(github, gitlab)) {
      Matcher m =
          Pattern.compile("java -jar target/trailaudit.jar (audit.*?--fail-on critical)")
              .matcher(example);
      assertThat(m.find()).as(example).isTrue();
      String[] args = m.group(1).replace("\\n", " ").replace("\\", " ").trim().split("\\s+");
      CommandLine cl =
          Cli.commandLine(
              new Cli.Env(
                  new java.io.PrintWriter(java.io.Writer.nullWriter()),
                  new java.io.PrintWriter(java.io.Writer.nullWriter()),
                  CliTest.CLOCK,
                  java.util.Map.of(),
                  false));
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      AuditCommand audit = (AuditCommand) parsed.subcommand().commandSpec().userObject();
      assertThat(audit.collect.request().organization().memberRole()).isEqualTo("TrailauditAudit");
    }
  }
}
