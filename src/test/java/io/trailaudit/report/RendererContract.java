package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every report format must do, run on the same hand-built reports ({@link ContractCase}): one
 * subclass per {@link Format} ({@link RendererContractCoverageTest} fails for a format without
 * one). The output of each case is compared with its golden file {@code
 * src/test/resources/golden/FORMAT/CASE.EXT}; to refresh them after a deliberate change: {@code mvn
 * test -Dtest='*RendererContractTest' -DupdateGolden=true}, then read the diff.
 */
abstract class RendererContract {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** The format under test. */
  abstract Format format();

  /**
   * The schema violations of the output of {@code c}, for a format with a schema; empty when it is
   * valid.
   */
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    return List.of();
  }

  /**
   * The strings by which the output names a FAIL or ERROR finding: by default its rule id. A format
   * that writes it otherwise says how.
   */
  List<String> names(Finding f) {
    return List.of(f.ruleId());
  }

  /**
   * Whether the format carries the run's notices. Those that do not say why: a format that drops
   * them must do so on purpose.
   */
  boolean carriesNotices() {
    return true;
  }

  String render(ContractCase c) throws Exception {
    StringWriter out = new StringWriter();
    format().renderer(false).render(c.report(), out);
    return out.toString();
  }

  static Path golden(Format format, ContractCase c) {
    return GOLDEN.resolve(format.label()).resolve(c.fileName() + "." + format.extension());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void outputIsTheGoldenFile(ContractCase c) throws Exception {
    String output = render(c);
    Path golden = golden(format(), c);
    if (Boolean.getBoolean("updateGolden")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, output);
    }
    assertThat(golden).as("golden file (write it with -DupdateGolden=true)").exists();
    assertThat(output).isEqualTo(Files.readString(golden));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void renderingTwiceGivesTheSameBytes(ContractCase c) throws Exception {
    assertThat(render(c)).isEqualTo(render(c));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void everyFailAndErrorIsNamed(ContractCase c) throws Exception {
    String output = render(c);
    for (Finding f : c.report().findings()) {
      if (f.status() == Status.FAIL || f.status() == Status.ERROR) {
        for (String name : names(f)) {
          assertThat(output).as(f.status() + " " + f.ruleId()).contains(name);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void everyNoticeIsShown(ContractCase c) throws Exception {
    String output = render(c);
    for (Notice n : c.report().notices()) {
      if (carriesNotices()) {
        assertThat(output).as("notice " + n.kind()).contains(n.message());
      } else {
        assertThat(output).as("notice " + n.kind()).doesNotContain(n.message());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void structuredOutputParsesAndValidates(ContractCase c) throws Exception {
    String output = render(c);
    String type = format().mediaType();
    if (type.endsWith("json")) {
      JsonNode json = new ObjectMapper().readTree(output);
      assertThat(json.isContainerNode()).as("a JSON document").isTrue();
    } else if (type.endsWith("xml")) {
      DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(schemaErrors(output, c)).isEmpty();
  }
}
