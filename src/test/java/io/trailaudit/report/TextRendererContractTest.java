package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TextRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.TEXT;
  }

  /** The text report groups findings under their check: a row names the requirement. */
  @Override
  List<String> names(Finding f) {
    return List.of(f.checkId() + " — ", "  " + f.requirement() + "  ");
  }

  /** Colour (on a terminal) only adds escape codes to the golden text. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(ContractCase.class)
  void colourOnlyAddsEscapeCodes(ContractCase c) throws Exception {
    StringWriter out = new StringWriter();
    format().renderer(true).render(c.report(), out);
    assertThat(out.toString()).contains("\u001b[1m");
    assertThat(out.toString().replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(render(c));
  }
}
