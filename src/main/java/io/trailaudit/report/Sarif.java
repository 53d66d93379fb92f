package io.trailaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SARIF 2.1.0 objects trailaudit writes, named as in the OASIS specification (section numbers
 * in brackets) and written by Jackson. Only the properties trailaudit fills are declared; a null
 * property is omitted.
 */
final class Sarif {
  static final String VERSION = "2.1.0";
  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private Sarif() {}

  /** sarifLog [3.13]. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

  /** run [3.14]: {@code results} is always written, empty when nothing failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Run(
      Tool tool,
      List<Invocation> invocations,
      RunAutomationDetails automationDetails,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolComponent> taxonomies,
      List<Result> results) {}

  /** tool [3.18]. */
  record Tool(ToolComponent driver) {}

  /** toolComponent [3.19]: the driver, or a taxonomy such as a CIS benchmark version. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ToolComponent(
      String name,
      String version,
      String informationUri,
      List<ToolComponentReference> supportedTaxonomies,
      List<ReportingDescriptor> rules,
      List<ReportingDescriptor> taxa) {}

  /** toolComponentReference [3.54]: {@code index} into {@code run.taxonomies}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ToolComponentReference(String name, Integer index) {}

  /** reportingDescriptor [3.49]: a rule, or a taxon (a control id). */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ReportingDescriptor(
      String id,
      String name,
      MultiformatMessageString shortDescription,
      MultiformatMessageString fullDescription,
      MultiformatMessageString help,
      ReportingConfiguration defaultConfiguration,
      List<ReportingDescriptorRelationship> relationships,
      PropertyBag properties) {
    static ReportingDescriptor taxon(String id) {
      return new ReportingDescriptor(id, null, null, null, null, null, null, null);
    }
  }

  /** multiformatMessageString [3.12]. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MultiformatMessageString(String text, String markdown) {}

  /** reportingConfiguration [3.50]. */
  record ReportingConfiguration(String level) {}

  /** reportingDescriptorRelationship [3.53]. */
  record ReportingDescriptorRelationship(ReportingDescriptorReference target, List<String> kinds) {}

  /** reportingDescriptorReference [3.52]. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ReportingDescriptorReference(
      String id, Integer index, ToolComponentReference toolComponent) {}

  /**
   * propertyBag [3.8], with the properties GitHub code scanning reads: {@code tags} and {@code
   * security-severity}.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record PropertyBag(
      List<String> tags, @JsonProperty("security-severity") String securitySeverity) {}

  /** result [3.27]. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      Map<String, String> partialFingerprints,
      List<Suppression> suppressions) {}

  /** message [3.11]. */
  record Message(String text) {}

  /** location [3.28]. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

  /** physicalLocation [3.29]. */
  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  /** artifactLocation [3.4]. */
  record ArtifactLocation(String uri) {}

  /** region [3.30]. */
  record Region(int startLine) {}

  /** logicalLocation [3.33]. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  /** suppression [3.35]. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Suppression(String kind, String justification) {}

  /** invocation [3.20]. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Invocation(
      boolean executionSuccessful,
      Instant startTimeUtc,
      Instant endTimeUtc,
      List<Notification> toolExecutionNotifications,
      List<Notification> toolConfigurationNotifications) {}

  /** notification [3.58]. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record Notification(
      String level,
      Message message,
      List<Location> locations,
      ReportingDescriptorReference descriptor,
      ReportingDescriptorReference associatedRule) {}

  /** runAutomationDetails [3.17]. */
  record RunAutomationDetails(String id) {}
}
