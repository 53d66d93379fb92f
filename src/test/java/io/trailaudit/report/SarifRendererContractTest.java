package io.trailaudit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.testing.SarifSchema;
import java.util.List;

class SarifRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.SARIF;
  }

  @Override
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    return SarifSchema.validate(new ObjectMapper().readTree(output)).stream()
        .map(Object::toString)
        .toList();
  }
}
