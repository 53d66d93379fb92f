package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

class JsonRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.JSON;
  }

  /** The JSON report is the report: it reads back as the same value ({@link Reports#read}). */
  @Override
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    AuditReport expected = c.report();
    assertThat(
            JsonRenderer.MAPPER
                .readValue(output, AuditReport.class)
                .withCatalog(expected.catalog()))
        .isEqualTo(expected);
    return List.of();
  }
}
