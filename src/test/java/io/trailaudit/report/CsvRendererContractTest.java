package io.trailaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

class CsvRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.CSV;
  }

  /** CSV is one row per finding under a fixed header: a note about the run is no such row. */
  @Override
  boolean carriesNotices() {
    return false;
  }

  /** RFC 4180: the header, then one record of as many fields per finding. */
  @Override
  List<String> schemaErrors(String output, ContractCase c) {
    List<List<String>> rows = CsvRendererTest.parse(output);
    assertThat(rows).hasSize(c.report().findings().size() + 1);
    assertThat(rows.get(0)).isEqualTo(CsvRenderer.HEADER);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(CsvRenderer.HEADER.size()));
    return List.of();
  }
}
