package io.trailaudit.checks;

/**
 * A control a requirement maps to.
 *
 * @param framework {@link #SECURITY_HUB} or {@link #CIS}
 * @param version the benchmark version for CIS (e.g. {@code 5.0.0}); null for Security Hub
 * @param id the control id within the framework, e.g. {@code CloudTrail.1} or {@code 3.1}
 */
public record ControlRef(String framework, String version, String id) {
  public static final String SECURITY_HUB = "aws-securityhub";
  public static final String CIS = "cis-aws-foundations";

  public static ControlRef securityHub(String id) {
    return new ControlRef(SECURITY_HUB, null, id);
  }

  public static ControlRef cis(String version, String id) {
    return new ControlRef(CIS, version, id);
  }

  /** {@code CloudTrail.1} or {@code CIS 5.0.0 3.1}. */
  public String label() {
    return version == null ? id : "CIS " + version + " " + id;
  }
}
