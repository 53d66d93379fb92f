package io.trailaudit.report;

class HtmlRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.HTML;
  }
}
