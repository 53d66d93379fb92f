package io.trailaudit.report;

class MarkdownRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.MARKDOWN;
  }
}
