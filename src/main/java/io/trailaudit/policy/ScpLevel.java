package io.trailaudit.policy;

import java.util.List;

/**
 * One level of an account's path in the organization: the root, an OU or the account itself, with
 * the service control policies attached to it.
 *
 * @param kind {@code root}, {@code OU} or {@code account}
 */
public record ScpLevel(String kind, String id, String name, List<AttachedScp> policies) {
  public ScpLevel {
    policies = List.copyOf(policies);
  }

  /** {@code OU Workloads (ou-a1b2-workloads)}. */
  public String label() {
    return name == null || name.isBlank() ? kind + " " + id : kind + " " + name + " (" + id + ")";
  }

  /**
   * An SCP as attached: its parsed document, or why its content could not be parsed ({@code
   * document} null).
   */
  public record AttachedScp(String id, String name, PolicyDocument document, String parseError) {
    public boolean parsed() {
      return document != null;
    }
  }
}
