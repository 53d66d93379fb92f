package io.trailaudit.report;

import io.trailaudit.checks.Finding;
import java.util.List;

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
}
