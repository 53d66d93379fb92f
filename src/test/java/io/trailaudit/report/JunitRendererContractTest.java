package io.trailaudit.report;

import io.trailaudit.testing.JunitSchema;
import java.util.List;

class JunitRendererContractTest extends RendererContract {
  @Override
  Format format() {
    return Format.JUNIT;
  }

  @Override
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    return JunitSchema.validate(output);
  }
}
