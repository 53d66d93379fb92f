package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.config.ParameterInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation of a check's metadata when the catalog is built: one test per refusal. */
class CheckMetadataTest {
  static final Frameworks FRAMEWORKS = new Frameworks(List.of("1.4.0", "6.0.0"));

  static final String VALID =
      """
      {
        "id": "example",
        "number": 42,
        "title": "An example check",
        "severity": "HIGH",
        "description": "For the test.",
        "placeholders": ["trailArn"],
        "parameters": [
          {"name": "example.maxDays", "type": "integer", "default": 7, "min": 1,
           "description": "days"}
        ],
        "requirements": [
          {
            "id": "first",
            "title": "First",
            "passesWhen": "always",
            "controls": {"securityHub": ["CloudTrail.1"], "cis": {"6.0.0": "4.1"}},
            "remediation": {"default": "aws cloudtrail start-logging --name {trailArn}"}
          },
          {
            "id": "second",
            "title": "Second",
            "severity": "LOW",
            "passesWhen": "always",
            "controls": "none",
            "remediation": {"default": "nothing to fill"}
          }
        ]
      }
      """;

  static CheckInfo parse(String json) throws Exception {
    return CheckMetadata.parse(
        "example/check.json", new ObjectMapper().readTree(json), FRAMEWORKS, t -> List.of());
  }

  @Test
  void validMetadataIsRead() throws Exception {
    CheckInfo c = parse(VALID);
    assertThat(c.requirements()).extracting(RequirementInfo::id).containsExactly("first", "second");
    assertThat(c.requirement("first").controls())
        .extracting(ControlRef::label)
        .containsExactly("CloudTrail.1", "CIS 6.0.0 4.1");
    assertThat(c.requirement("second").controls()).isEmpty();
    assertThat(c.requirement("second").severity()).isEqualTo(Severity.LOW);
    assertThat(c.parameters())
        .containsExactly(
            new ParameterInfo("example.maxDays", ParameterInfo.Type.INTEGER, 7, "days", 1));
  }

  @Test
  void aPlaceholderTheCheckDoesNotDeclareIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("--name {trailArn}", "--name {trailName}")))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example/check.json: example/first: remediation \"default\" uses {trailName}, which"
                + " the check does not declare in \"placeholders\"");
  }

  @Test
  void aDeclaredPlaceholderNoTemplateUsesIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    VALID.replace(
                        "\"placeholders\": [\"trailArn\"]",
                        "\"placeholders\": [\"trailArn\", \"region\"]")))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example/check.json: example: \"placeholders\" declares {region}, which no"
                + " remediation uses");
  }

  @Test
  void aRequirementWithoutControlsIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"controls\": \"none\",", "")))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example/check.json: example/second: no \"controls\" (map them, or say \"controls\":"
                + " \"none\")");
  }

  @Test
  void controlsThatMapNothingAreRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"controls\": \"none\"", "\"controls\": {}")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("example/second: \"controls\" maps nothing");
  }

  @Test
  void anUnknownCisVersionIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"6.0.0\": \"4.1\"", "\"7.0.0\": \"4.1\"")))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example/check.json: example/first: unknown CIS version 7.0.0 (frameworks.json lists"
                + " 1.4.0, 6.0.0)");
  }

  @Test
  void aRequirementWithoutADefaultRemediationIsRefused() {
    assertThatThrownBy(
            () -> parse(VALID.replace("{\"default\": \"nothing to fill\"}", "{\"other\": \"x\"}")))
        .isInstanceOf(CatalogException.class)
        .hasMessage("example/check.json: example/second: no \"default\" remediation");
  }

  @Test
  void aDuplicateRequirementIdIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"id\": \"second\"", "\"id\": \"first\"")))
        .isInstanceOf(CatalogException.class)
        .hasMessage("example/check.json: example/first: duplicate requirement id");
  }

  @Test
  void anUnknownKeyIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    VALID.replace(
                        "\"title\": \"Second\",", "\"title\": \"Second\", \"control\": 1,")))
        .isInstanceOf(CatalogException.class)
        .hasMessage("example/check.json: second: unknown key \"control\"");
  }

  @Test
  void aParameterWhoseDefaultHasTheWrongTypeIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"default\": 7", "\"default\": \"7\"")))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example/check.json: example: parameter example.maxDays: \"default\" must be a"
                + " integer");
  }

  @Test
  void aParameterDefaultBelowItsMinimumIsRefused() {
    assertThatThrownBy(() -> parse(VALID.replace("\"default\": 7", "\"default\": 0")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("parameter example.maxDays: \"default\" is below \"min\"");
  }

  @Test
  void twoChecksWithOneNumberAreRefused() throws Exception {
    CheckInfo a = parse(VALID);
    CheckInfo b =
        parse(
            VALID
                .replace("\"id\": \"example\"", "\"id\": \"other\"")
                .replace("example.maxDays", "other.maxDays"));
    assertThatThrownBy(() -> ControlCatalog.of(List.of(a, b)))
        .isInstanceOf(CatalogException.class)
        .hasMessage("checks example and other have the same number 42");
  }

  @Test
  void aParameterDeclaredByTwoChecksIsRefused() throws Exception {
    CheckInfo a = parse(VALID);
    CheckInfo b =
        parse(VALID.replace("\"id\": \"example\"", "\"id\": \"other\"").replace("42", "43"));
    assertThatThrownBy(() -> ControlCatalog.of(List.of(a, b)))
        .isInstanceOf(CatalogException.class)
        .hasMessageStartingWith("parameter example.maxDays is declared by example and other");
  }

  @Test
  void aUsedParameterNoCheckDeclaresIsRefused() throws Exception {
    CheckInfo a =
        parse(
            VALID.replace(
                "\"parameters\":", "\"uses\": [\"deliveryMaxAgeHours\"],\n\"parameters\":"));
    assertThatThrownBy(() -> ControlCatalog.of(List.of(a)))
        .isInstanceOf(CatalogException.class)
        .hasMessage("example uses parameter deliveryMaxAgeHours, which no loaded check declares");
  }

  @Test
  void theRequirementsTheCodeNamesAreThoseOfTheMetadata() throws Exception {
    CheckInfo c = parse(VALID);
    List<String> ids = c.requirements().stream().map(RequirementInfo::id).toList();
    CheckMetadata.sameRequirements(c, ids);
    CheckMetadata.sameRequirements(c, List.of()); // a check that does not say
    assertThatThrownBy(
            () ->
                CheckMetadata.sameRequirements(
                    c,
                    java.util.stream.Stream.concat(
                            ids.stream(), java.util.stream.Stream.of("third"))
                        .toList()))
        .isInstanceOf(CatalogException.class)
        .hasMessage("example: the code names the requirements third, which its check.json lacks");
    assertThatThrownBy(() -> CheckMetadata.sameRequirements(c, ids.subList(0, 1)))
        .isInstanceOf(CatalogException.class)
        .hasMessage(
            "example: check.json declares the requirements "
                + ids.get(1)
                + ", which its code does not name");
  }

  @Test
  void everyBuiltInCheckNamesItsRequirementsAsConstants() {
    // CheckRunner.discover() compares them with check.json; a check that said nothing would pass.
    for (Check c : CheckRunner.discover().checks()) {
      assertThat(c.requirementIds()).as(c.id()).isNotEmpty();
      assertThat(c.requirementIds())
          .as(c.id())
          .containsExactlyInAnyOrderElementsOf(
              c.info().requirements().stream().map(RequirementInfo::id).toList());
    }
  }

  @Test
  void aCheckNamingARequirementItsMetadataLacksIsRefusedWhenTheCatalogIsBuilt() {
    CheckInfo real = CheckRunner.discover().catalog().check("insights");
    Check wrong =
        new Check() {
          @Override
          public String id() {
            return "insights";
          }

          @Override
          public List<Finding> evaluate(
              io.trailaudit.model.Snapshot snapshot, io.trailaudit.config.AuditConfig config) {
            return List.of();
          }

          @Override
          public CheckInfo info() {
            return real;
          }

          @Override
          public List<String> requirementIds() {
            return List.of("api-call-rate", "api-error-rate", "data-events", "cost");
          }
        };
    assertThatThrownBy(() -> new CheckRunner(List.of(wrong)))
        .isInstanceOf(CatalogException.class)
        .hasMessage("insights: the code names the requirements cost, which its check.json lacks");
  }

  static final String WITH_MESSAGES =
      VALID
          .replace("\"placeholders\": [\"trailArn\"]", "\"placeholders\": [\"trailArn\", \"days\"]")
          .replace(
              "\"remediation\": {\"default\": \"nothing to fill\"}",
              "\"remediation\": {\"default\": \"nothing to fill\"},"
                  + " \"messages\": {\"pass\": \"kept {days} days\", \"fail\": \"{trailArn} is off\"}");

  @Test
  void messageTemplatesAreReadAndTheirPlaceholdersCount() throws Exception {
    CheckInfo c = parse(WITH_MESSAGES);
    assertThat(c.requirement("second").messages())
        .containsEntry("pass", "kept {days} days")
        .containsEntry("fail", "{trailArn} is off");
    assertThat(c.requirement("first").messages()).isEmpty();
    Finding f =
        new FindingFactory(c)
            .pass(
                () -> "second",
                new Resource("111111111111", "us-east-1", "arn:x"),
                FindingFactory.message("pass"),
                java.util.Map.of("days", "30"));
    assertThat(f.message()).isEqualTo("kept 30 days");
  }

  @Test
  void aMessageUsingAnUndeclaredPlaceholderIsRefused() {
    assertThatThrownBy(() -> parse(WITH_MESSAGES.replace("kept {days} days", "kept {weeks} weeks")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining(
            "example/second: message \"pass\" uses {weeks}, which the check does not declare in"
                + " \"placeholders\"");
  }

  @Test
  void aMessageWithoutATemplateOrAValueIsABug() throws Exception {
    CheckInfo c = parse(WITH_MESSAGES);
    FindingFactory f = new FindingFactory(c);
    Resource r = new Resource("111111111111", "us-east-1", "arn:x");
    assertThatThrownBy(
            () -> f.pass(() -> "second", r, FindingFactory.message("gone"), java.util.Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no message \"gone\" for example/second");
    assertThatThrownBy(
            () -> f.pass(() -> "second", r, FindingFactory.message("pass"), java.util.Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no value for {days}");
  }

  static final String WITH_TEMPLATE =
      VALID.replace(
          "\"placeholders\": [\"trailArn\"]",
          "\"placeholders\": [\"trailArn\", \"topic\"],"
              + " \"requirementTemplate\": {\"prefix\": \"topic/\", \"severity\": \"LOW\","
              + " \"remediation\": {\"default\": \"fix it\"},"
              + " \"messages\": {\"pass\": \"{topic} is watched\"}}");

  @Test
  void theRequirementTemplatesMessagesReachTheGeneratedRequirementsAndTheirPlaceholdersCount()
      throws Exception {
    CheckInfo c =
        CheckMetadata.parse(
            "example/check.json",
            new ObjectMapper().readTree(WITH_TEMPLATE),
            FRAMEWORKS,
            t ->
                List.of(
                    new RequirementInfo(
                        t.prefix() + "a",
                        "A",
                        t.severity(),
                        "always",
                        List.of(),
                        t.remediations(),
                        t.messages())));
    assertThat(c.requirement("topic/a").messages())
        .containsExactly(java.util.Map.entry("pass", "{topic} is watched"));
  }

  @Test
  void aTemplateMessageUsingAnUndeclaredPlaceholderIsRefused() {
    assertThatThrownBy(() -> parse(WITH_TEMPLATE.replace("{topic} is watched", "{alarm} fires")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining(
            "example/requirementTemplate: message \"pass\" uses {alarm}, which the check does not"
                + " declare in \"placeholders\"");
  }
}
