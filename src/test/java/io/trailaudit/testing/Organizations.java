package io.trailaudit.testing;

import io.trailaudit.model.OrganizationMembership;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.OrganizationTree.Account;
import io.trailaudit.model.OrganizationTree.Policy;
import io.trailaudit.model.OrganizationTree.PolicyTypeStatus;
import io.trailaudit.model.OrganizationTree.Root;
import io.trailaudit.model.OrganizationTree.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * Organization trees for SCP tests. The baseline: management account {@link #MGMT} under the root;
 * OU Security with the log-archive account {@link #LOG_ARCHIVE}; OU Workloads with {@link #PROD}
 * and the nested OU Sandbox with {@link #SANDBOX}. {@code FullAWSAccess} is attached to the root,
 * every OU and every account, as AWS does by default.
 */
public final class Organizations {
  public static final String MGMT = Fixtures.MGMT;
  public static final String LOG_ARCHIVE = Fixtures.MEMBER;
  public static final String PROD = "333333333333";
  public static final String SANDBOX = "444444444444";
  public static final String ROOT = "r-root";
  public static final String SECURITY_OU = "ou-root-security";
  public static final String WORKLOADS_OU = "ou-root-workloads";
  public static final String SANDBOX_OU = "ou-root-sandbox";
  public static final List<String> MEMBERS = List.of(LOG_ARCHIVE, PROD, SANDBOX);
  public static final String FULL_AWS_ACCESS =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\","
          + " \"Resource\": \"*\"}]}";

  private final List<Policy> policies = new ArrayList<>();
  private String scpStatus = "ENABLED";
  private String featureSet = "ALL";
  private boolean fullAccessEverywhere = true;

  private Organizations() {}

  public static Organizations organization() {
    return new Organizations();
  }

  /** Attaches an SCP with {@code content} to {@code targets}. */
  public Organizations scp(String name, String content, String... targets) {
    policies.add(
        new Policy(
            "p-" + name,
            "arn:aws:organizations::"
                + MGMT
                + ":policy/o-exampleorg1/service_control_policy/p-"
                + name,
            name,
            "SERVICE_CONTROL_POLICY",
            false,
            content,
            List.of(targets)));
    return this;
  }

  /** Attaches {@code FullAWSAccess} only to the given targets instead of everywhere. */
  public Organizations fullAccessOnly(String... targets) {
    fullAccessEverywhere = false;
    policies.add(fullAccess(List.of(targets)));
    return this;
  }

  public Organizations scpStatus(String status) {
    this.scpStatus = status;
    return this;
  }

  public Organizations featureSet(String value) {
    this.featureSet = value;
    return this;
  }

  public OrganizationTree build() {
    List<Policy> all = new ArrayList<>();
    if (fullAccessEverywhere) {
      all.add(
          fullAccess(
              List.of(
                  ROOT, SECURITY_OU, WORKLOADS_OU, SANDBOX_OU, MGMT, LOG_ARCHIVE, PROD, SANDBOX)));
    }
    all.addAll(policies);
    OrganizationMembership m = Fixtures.membership();
    return new OrganizationTree(
        new OrganizationMembership(
            m.organizationId(), m.organizationArn(), m.managementAccountId(), featureSet),
        List.of(
            new Root(
                ROOT,
                "arn:aws:organizations::" + MGMT + ":root/o-exampleorg1/" + ROOT,
                "Root",
                scpStatus == null
                    ? List.of()
                    : List.of(new PolicyTypeStatus("SERVICE_CONTROL_POLICY", scpStatus)))),
        List.of(
            unit(SECURITY_OU, "Security", ROOT),
            unit(WORKLOADS_OU, "Workloads", ROOT),
            unit(SANDBOX_OU, "Sandbox", WORKLOADS_OU)),
        List.of(
            account(MGMT, "management", ROOT),
            account(LOG_ARCHIVE, "log-archive", SECURITY_OU),
            account(PROD, "prod", WORKLOADS_OU),
            account(SANDBOX, "sandbox", SANDBOX_OU)),
        all);
  }

  private static Policy fullAccess(List<String> targets) {
    return new Policy(
        "p-FullAWSAccess",
        "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
        "FullAWSAccess",
        "SERVICE_CONTROL_POLICY",
        true,
        FULL_AWS_ACCESS,
        targets);
  }

  private static Unit unit(String id, String name, String parent) {
    return new Unit(id, "arn:aws:organizations::" + MGMT + ":ou/o-exampleorg1/" + id, name, parent);
  }

  private static Account account(String id, String name, String parent) {
    return new Account(
        id,
        "arn:aws:organizations::" + MGMT + ":account/o-exampleorg1/" + id,
        name,
        "ACTIVE",
        parent);
  }
}
