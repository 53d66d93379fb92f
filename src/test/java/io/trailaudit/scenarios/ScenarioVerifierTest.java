package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.scenarios.Scenario.Expected;
import io.trailaudit.scenarios.Scenario.Others;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's comparison: each way a check's output can differ from a case is a problem. */
class ScenarioVerifierTest {
  private static final String ARN = "arn:aws:s3:::logs";

  private static Finding finding(String requirement, Status status, String message) {
    return new Finding(
        "c/" + requirement,
        "c",
        requirement,
        status,
        Severity.HIGH,
        "111111111111",
        "us-east-1",
        ARN,
        message,
        status == Status.FAIL ? "aws s3api put-bucket-versioning --bucket logs" : null,
        List.of(),
        null);
  }

  private static Expected expect(String rule, Status status) {
    return new Expected(
        rule, status, ARN, null, null, null, null, null, null, List.of(), List.of(), null,
        List.of(), null, null, List.of());
  }

  private static List<String> problems(List<Expected> x, Others others, Finding... actual) {
    return ScenarioVerifier.problems("c", x, others, List.of(actual));
  }

  @Test
  void aMatchingFindingHasNoProblem() {
    Expected x =
        new Expected(
            "c/r",
            Status.FAIL,
            ARN,
            "111111111111",
            "us-east-1",
            "HIGH",
            "versioning is Suspended",
            "versioning",
            "Suspended",
            List.of("is Susp"),
            List.of("Enabled"),
            "aws s3api put-bucket-versioning --bucket logs",
            List.of("--bucket logs"),
            "aws s3api put-bucket-versioning",
            "--bucket logs",
            List.of("--region"));
    assertThat(
            problems(List.of(x), Others.NONE, finding("r", Status.FAIL, "versioning is Suspended")))
        .isEmpty();
  }

  @Test
  void eachDifferenceIsReported() {
    Expected x =
        new Expected(
            "c/r",
            Status.PASS,
            ARN,
            null,
            null,
            "LOW",
            "other",
            "x",
            "y",
            List.of("missing"),
            List.of("Suspended"),
            "wrong",
            List.of("absent"),
            "aws s3 ",
            "--region us-east-1",
            List.of("put-bucket-versioning"));
    assertThat(
            problems(List.of(x), Others.NONE, finding("r", Status.FAIL, "versioning is Suspended")))
        .hasSize(12)
        .anyMatch(p -> p.contains("status FAIL, expected PASS"))
        .anyMatch(p -> p.contains("severity HIGH, expected LOW"))
        .anyMatch(p -> p.contains("expected \"other\""))
        .anyMatch(p -> p.contains("does not start \"x\""))
        .anyMatch(p -> p.contains("does not end \"y\""))
        .anyMatch(p -> p.contains("does not say \"missing\""))
        .anyMatch(p -> p.contains("says \"Suspended\""))
        .anyMatch(p -> p.contains("expected \"wrong\""))
        .anyMatch(p -> p.contains("remediation does not contain \"absent\""))
        .anyMatch(p -> p.contains("remediation does not start \"aws s3 \""))
        .anyMatch(p -> p.contains("remediation does not end \"--region us-east-1\""))
        .anyMatch(p -> p.contains("remediation contains \"put-bucket-versioning\""));
  }

  @Test
  void aMissingOrAmbiguousFindingIsReported() {
    assertThat(problems(List.of(expect("c/r", Status.PASS)), Others.ANY))
        .containsExactly("0 findings for c/r on " + ARN + ", expected exactly one");
    assertThat(
            problems(
                List.of(expect("c/r", Status.PASS)),
                Others.ANY,
                finding("r", Status.PASS, "a"),
                finding("r", Status.PASS, "b")))
        .containsExactly("2 findings for c/r on " + ARN + ", expected exactly one");
  }

  @Test
  void unlistedFindingsFollowTheOthersPolicy() {
    Finding pass = finding("p", Status.PASS, "ok");
    Finding fail = finding("f", Status.FAIL, "bad");
    List<Expected> none = List.of();
    assertThat(problems(none, Others.NONE, pass)).hasSize(1);
    assertThat(problems(none, Others.PASS, pass)).isEmpty();
    assertThat(problems(none, Others.PASS, fail))
        .containsExactly("unexpected finding (others: PASS): " + ScenarioVerifier.line(fail));
    assertThat(problems(none, Others.ANY, pass, fail)).isEmpty();
  }

  @Test
  void aRemediationOnlyOnFailAndOnlyTheChecksOwnFindings() {
    Finding passWithFix =
        new Finding(
            "c/r", "c", "r", Status.PASS, Severity.LOW, "1", "g", ARN, "m", "fix", List.of(), null);
    Finding other =
        new Finding(
            "d/r", "d", "r", Status.PASS, Severity.LOW, "1", "g", ARN, "m", null, List.of(), null);
    assertThat(problems(List.of(), Others.ANY, passWithFix))
        .containsExactly("a remediation exactly when FAIL: " + ScenarioVerifier.line(passWithFix));
    assertThat(problems(List.of(), Others.ANY, other))
        .containsExactly("finding of another check: " + ScenarioVerifier.line(other));
  }
}
