package io.trailaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.testing.AsffModel;
import java.util.ArrayList;
import java.util.List;

class AsffRendererContractTest extends RendererContract {
  private static final AsffModel MODEL = new AsffModel();

  @Override
  Format format() {
    return Format.ASFF;
  }

  /** ASFF is an array of findings for Security Hub: it has no place for a note about the run. */
  @Override
  boolean carriesNotices() {
    return false;
  }

  @Override
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    List<String> errors = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(output)) {
      MODEL.validate("AwsSecurityFinding", f).forEach(e -> errors.add(f.get("Id") + e));
    }
    return errors;
  }
}
