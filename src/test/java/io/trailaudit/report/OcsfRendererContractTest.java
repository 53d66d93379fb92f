package io.trailaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.testing.OcsfSchema;
import java.util.ArrayList;
import java.util.List;

class OcsfRendererContractTest extends RendererContract {
  private static final OcsfSchema SCHEMA = new OcsfSchema();

  @Override
  Format format() {
    return Format.OCSF;
  }

  /** OCSF is an array of Compliance Finding events: a note about the run is no such event. */
  @Override
  boolean carriesNotices() {
    return false;
  }

  @Override
  List<String> schemaErrors(String output, ContractCase c) throws Exception {
    List<String> errors = new ArrayList<>();
    for (JsonNode e : new ObjectMapper().readTree(output)) {
      SCHEMA
          .validate("events/findings/compliance_finding.json", e)
          .forEach(m -> errors.add(e.at("/finding_info/analytic/uid").asText() + " " + m));
    }
    return errors;
  }
}
