package io.trailaudit.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailaudit.checks.Status;
import io.trailaudit.scenarios.Scenario.Others;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
  @TempDir Path root;
  private Path file;

  @BeforeEach
  void base() throws IOException {
    Files.createDirectories(root.resolve("_base"));
    Files.writeString(root.resolve("_base/b.json"), "{}");
    Files.createDirectories(root.resolve("some-check"));
    file = root.resolve("some-check/req.yaml");
  }

  private List<Scenario> load(String yaml) throws IOException {
    Files.writeString(file, yaml);
    return ScenarioLoader.load(root, file);
  }

  @Test
  void readsACaseWithFileDefaults() throws IOException {
    List<Scenario> s =
        load(
            """
            base: b
            others: pass
            config: |
              deliveryMaxAgeHours: 2
            where: {resource: "arn:x", region: us-east-1}
            cases:
              - name: one
                description: why
                edits:
                  - {set: /a, value: 1}
                  - {add: /p/-, within: /policy, value: {Sid: X}}
                  - {remove: /c}
                expect:
                  - {rule: some-check/req, status: FAIL, region: eu-west-1, says: [a, b]}
            """);
    assertThat(s).hasSize(1);
    Scenario c = s.get(0);
    assertThat(c.checkId()).isEqualTo("some-check");
    assertThat(c.base()).isEqualTo(root.resolve("_base/b.json"));
    assertThat(c.config()).isEqualTo("deliveryMaxAgeHours: 2\n");
    assertThat(c.others()).isEqualTo(Others.PASS);
    assertThat(c.edits())
        .extracting(JsonEdits.Edit::op)
        .containsExactly(JsonEdits.Op.SET, JsonEdits.Op.ADD, JsonEdits.Op.REMOVE);
    assertThat(c.edits().get(1).within()).isEqualTo("/policy");
    Scenario.Expected x = c.expect().get(0);
    assertThat(x.status()).isEqualTo(Status.FAIL);
    assertThat(x.resource()).isEqualTo("arn:x");
    assertThat(x.region()).isEqualTo("eu-west-1");
    assertThat(x.says()).containsExactly("a", "b");
  }

  @Test
  void anUnknownKeyIsAnErrorNamingFileAndCase() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    base: b
                    cases:
                      - name: one
                        description: why
                        expect: [{rule: some-check/req, status: PASS, mesage: typo}]
                    """))
        .hasMessageStartingWith("some-check/req.yaml: case \"one\": unknown key \"mesage\"");
  }

  @Test
  void aMissingBaseOrAnEmptyExpectationIsAnError() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    base: nope
                    cases: [{name: one, description: why, expect: [{rule: r, status: PASS}]}]
                    """))
        .hasMessageContaining("case \"one\": no base snapshot");
    assertThatThrownBy(
            () ->
                load(
                    """
                    base: b
                    others: pass
                    cases: [{name: one, description: why, expect: []}]
                    """))
        .hasMessageContaining("an empty \"expect\" needs \"others: none\"");
    assertThatThrownBy(
            () ->
                load(
                    """
                    base: b
                    cases: [{name: one, description: why, edits: [{set: /a}], expect: []}]
                    """))
        .hasMessageContaining("needs a value");
  }
}
