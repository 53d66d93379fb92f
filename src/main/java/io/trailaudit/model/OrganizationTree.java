package io.trailaudit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The organization as read from its management (or delegated administrator) account: roots, OUs,
 * accounts and service control policies with their targets.
 */
public record OrganizationTree(
    OrganizationMembership organization,
    List<Root> roots,
    List<Unit> units,
    List<Account> accounts,
    List<Policy> policies) {

  public OrganizationTree {
    Objects.requireNonNull(organization, "organization");
    roots = roots == null ? List.of() : List.copyOf(roots);
    units = units == null ? List.of() : List.copyOf(units);
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    policies = policies == null ? List.of() : List.copyOf(policies);
  }

  /**
   * A root.
   *
   * @param policyTypes the policy types with their status, e.g. {@code SERVICE_CONTROL_POLICY}
   *     {@code ENABLED}
   */
  public record Root(String id, String arn, String name, List<PolicyTypeStatus> policyTypes) {
    public Root {
      policyTypes = policyTypes == null ? List.of() : List.copyOf(policyTypes);
    }
  }

  public record PolicyTypeStatus(String type, String status) {}

  /** An organizational unit; {@code parentId} is a root or another OU. */
  public record Unit(String id, String arn, String name, String parentId) {}

  /** A member account; {@code parentId} is a root or an OU. */
  public record Account(String id, String arn, String name, String status, String parentId) {}

  /**
   * A service control policy.
   *
   * @param content the policy document as stored (JSON text)
   * @param targetIds roots, OUs and accounts it is attached to
   */
  public record Policy(
      String id,
      String arn,
      String name,
      String type,
      boolean awsManaged,
      String content,
      @JsonProperty(required = true) List<String> targetIds) {
    public Policy {
      targetIds = targetIds == null ? List.of() : List.copyOf(targetIds);
    }
  }
}
