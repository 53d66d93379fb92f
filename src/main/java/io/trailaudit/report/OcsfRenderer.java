package io.trailaudit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.model.Arn;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON array of OCSF 1.6.0 Compliance Finding events (class_uid 2003, activity Create), one per
 * finding of every status, with the {@code cloud} profile applied. {@code compliance.status_id} is
 * Pass, Fail (FAIL and MUTED), Warning (ERROR: the check did not yield a result) or Other with
 * status "Not Applicable"; the finding's own {@code status_id} is Suppressed for MUTED, New for the
 * rest. {@code finding_info.uid} is the SARIF fingerprint, {@code uid_alt} the ASFF id.
 */
public final class OcsfRenderer implements Renderer {
  static final String OCSF_VERSION = "1.6.0";
  static final int CATEGORY_UID = 2;
  static final int CLASS_UID = 2003;
  static final int ACTIVITY_CREATE = 1;
  static final String SECURITY_HUB_STANDARD = "AWS Security Hub CSPM controls";
  static final String CIS_STANDARD = "CIS AWS Foundations Benchmark";

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    ArrayNode events = JsonRenderer.MAPPER.createArrayNode();
    for (Finding f : report.findings()) {
      events.add(event(report, f));
    }
    JsonRenderer.MAPPER.writeValue(out, events);
    out.write(System.lineSeparator());
  }

  static ObjectNode event(AuditReport report, Finding f) {
    ObjectNode e = JsonRenderer.MAPPER.createObjectNode();
    e.put("activity_id", ACTIVITY_CREATE);
    e.put("activity_name", "Create");
    e.put("category_uid", CATEGORY_UID);
    e.put("category_name", "Findings");
    e.put("class_uid", CLASS_UID);
    e.put("class_name", "Compliance Finding");
    e.put("type_uid", (long) CLASS_UID * 100 + ACTIVITY_CREATE);
    e.put("type_name", "Compliance Finding: Create");
    e.put("time", report.generatedAt().toEpochMilli());
    e.put("severity_id", severityId(f.severity()));
    e.put("severity", severityCaption(f.severity()));
    boolean muted = f.status() == Status.MUTED;
    e.put("status_id", muted ? 3 : 1);
    e.put("status", muted ? "Suppressed" : "New");
    e.put("status_code", f.status().name());
    if (muted) {
      e.put("status_detail", f.suppression() == null ? "muted by a suppression" : f.suppression());
    }
    e.put("message", f.message());
    e.set("metadata", metadata(report));
    e.set("cloud", cloud(f));
    e.set("finding_info", findingInfo(report, f));
    e.set("compliance", compliance(report, f));
    ArrayNode resources = e.putArray("resources");
    resources.add(resource(f));
    if (f.remediation() != null) {
      e.putObject("remediation").put("desc", f.remediation());
    }
    return e;
  }

  private static ObjectNode metadata(AuditReport report) {
    ObjectNode m = JsonRenderer.MAPPER.createObjectNode();
    m.put("version", OCSF_VERSION);
    m.putArray("profiles").add("cloud");
    ObjectNode p = m.putObject("product");
    p.put("name", AuditReport.TOOL);
    p.put("vendor_name", AuditReport.TOOL);
    p.put("version", report.version());
    p.put("url_string", "https://github.com/trailaudit/trailaudit");
    return m;
  }

  private static ObjectNode cloud(Finding f) {
    ObjectNode c = JsonRenderer.MAPPER.createObjectNode();
    c.put("provider", "AWS");
    c.set("account", account(f.account()));
    if (!isGlobal(f)) {
      c.put("region", f.region());
    }
    c.put("cloud_partition", AsffRenderer.partition(f.resourceArn()));
    return c;
  }

  private static ObjectNode account(String id) {
    ObjectNode a = JsonRenderer.MAPPER.createObjectNode();
    a.put("uid", id);
    a.put("type_id", 10);
    a.put("type", "AWS Account");
    return a;
  }

  private static ObjectNode findingInfo(AuditReport report, Finding f) {
    ObjectNode i = JsonRenderer.MAPPER.createObjectNode();
    i.put("uid", SarifRenderer.fingerprint(f));
    i.put("uid_alt", AsffRenderer.id(f));
    i.put("title", title(report, f));
    i.put("desc", f.message());
    i.put("created_time", report.generatedAt().toEpochMilli());
    ArrayNode types = i.putArray("types");
    AsffRenderer.types(f).forEach(types::add);
    ObjectNode analytic = i.putObject("analytic");
    analytic.put("uid", f.ruleId());
    analytic.put("name", f.checkId());
    analytic.put("type_id", 1);
    analytic.put("type", "Rule");
    return i;
  }

  static ObjectNode compliance(AuditReport report, Finding f) {
    ObjectNode c = JsonRenderer.MAPPER.createObjectNode();
    List<String> standards = new ArrayList<>();
    List<String> requirements = new ArrayList<>();
    ArrayNode checks = JsonRenderer.MAPPER.createArrayNode();
    String control = null;
    for (ControlRef ref : f.controls()) {
      String standard = standard(ref);
      if (!standards.contains(standard)) {
        standards.add(standard);
      }
      requirements.add(ref.version() == null ? ref.id() : standard + " " + ref.id());
      if (control == null && ref.version() == null) {
        control = ref.id();
      }
      ObjectNode check = checks.addObject();
      check.put("uid", ref.id());
      check.put("name", title(report, f));
      if (ref.version() != null) {
        check.put("version", ref.version());
      }
      check.putArray("standards").add(standard);
      check.put("status_id", statusId(f.status()));
      check.put("status", statusCaption(f.status()));
    }
    c.put("control", control != null ? control : f.ruleId());
    ArrayNode s = c.putArray("standards");
    standards.forEach(s::add);
    ArrayNode r = c.putArray("requirements");
    requirements.forEach(r::add);
    if (!checks.isEmpty()) {
      c.set("checks", checks);
    }
    c.put("status_id", statusId(f.status()));
    c.put("status", statusCaption(f.status()));
    c.put("status_code", f.status().name());
    return c;
  }

  private static ObjectNode resource(Finding f) {
    ObjectNode r = JsonRenderer.MAPPER.createObjectNode();
    r.put("uid", f.resourceArn());
    r.put("name", name(f.resourceArn()));
    r.put("type", AsffRenderer.resourceType(f.resourceArn()));
    r.put("role_id", 1);
    r.put("role", "Target");
    if (!isGlobal(f)) {
      r.put("region", f.region());
    }
    r.put("cloud_partition", AsffRenderer.partition(f.resourceArn()));
    r.putObject("owner").set("account", account(f.account()));
    return r;
  }

  private static String standard(ControlRef ref) {
    return ref.version() == null ? SECURITY_HUB_STANDARD : CIS_STANDARD + " v" + ref.version();
  }

  private static String title(AuditReport report, Finding f) {
    return report.catalog().rule(f.ruleId()).map(RequirementInfo::title).orElse(f.ruleId());
  }

  private static boolean isGlobal(Finding f) {
    return AsffRenderer.GLOBAL.equals(f.region()) || f.region().isEmpty();
  }

  /** The last part of the ARN: {@code trail/NAME} gives NAME, an S3 ARN its bucket. */
  static String name(String arn) {
    return Arn.parse(arn).orElse(new Arn("", "", "", "", arn == null ? "" : arn)).resourceName();
  }

  static int statusId(Status s) {
    return switch (s) {
      case PASS -> 1;
      case ERROR -> 2;
      case FAIL, MUTED -> 3;
      case NOT_APPLICABLE -> 99;
    };
  }

  static String statusCaption(Status s) {
    return switch (s) {
      case PASS -> "Pass";
      case ERROR -> "Warning";
      case FAIL, MUTED -> "Fail";
      case NOT_APPLICABLE -> "Not Applicable";
    };
  }

  static int severityId(Severity s) {
    return switch (s) {
      case INFO -> 1;
      case LOW -> 2;
      case MEDIUM -> 3;
      case HIGH -> 4;
      case CRITICAL -> 5;
    };
  }

  static String severityCaption(Severity s) {
    return switch (s) {
      case INFO -> "Informational";
      case LOW -> "Low";
      case MEDIUM -> "Medium";
      case HIGH -> "High";
      case CRITICAL -> "Critical";
    };
  }
}
