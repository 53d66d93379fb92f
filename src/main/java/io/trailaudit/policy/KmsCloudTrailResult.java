package io.trailaudit.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a KMS key policy lets CloudTrail use the key. {@code cloudTrailStatements} are the Allow
 * statements that let {@code cloudtrail.amazonaws.com} call {@code kms:GenerateDataKey}; {@code
 * unscoped} are those among them that no condition scopes to the trails of trusted accounts, and
 * why; {@code publicDecrypt} allow {@code kms:Decrypt} to everyone with no condition pinning the
 * caller.
 */
public record KmsCloudTrailResult(
    List<StatementRef> cloudTrailStatements,
    List<Unscoped> unscoped,
    List<PublicAllow> publicDecrypt) {

  /**
   * A CloudTrail statement without a scope to trusted accounts.
   *
   * @param untrustedAccounts when the only fault is that its scope names these accounts, which are
   *     not known to be trusted: if they belong to the organization, the statement is scoped
   */
  public record Unscoped(StatementRef statement, String reason, List<String> untrustedAccounts) {
    public Unscoped {
      untrustedAccounts = List.copyOf(untrustedAccounts);
    }

    public String describe() {
      return statement.label() + " " + reason;
    }
  }

  public KmsCloudTrailResult {
    cloudTrailStatements = List.copyOf(cloudTrailStatements);
    unscoped = List.copyOf(unscoped);
    publicDecrypt = List.copyOf(publicDecrypt);
  }

  public List<StatementRef> unscopedCloudTrailStatements() {
    return unscoped.stream().map(Unscoped::statement).toList();
  }

  public List<StatementRef> publicDecryptStatements() {
    return publicDecrypt.stream().map(PublicAllow::statement).toList();
  }

  public boolean cloudTrailCanEncrypt() {
    return !cloudTrailStatements.isEmpty();
  }

  /** CloudTrail may encrypt, and only for trails of trusted accounts. */
  public boolean cloudTrailScoped() {
    return cloudTrailCanEncrypt() && unscoped.isEmpty();
  }

  public boolean satisfied() {
    return cloudTrailScoped() && publicDecrypt.isEmpty();
  }

  /**
   * The accounts whose trust alone decides: every unscoped statement would be scoped if they were
   * trusted, and nothing else is wrong. Empty otherwise.
   */
  public List<String> undecidedAccounts() {
    if (!cloudTrailCanEncrypt()
        || unscoped.isEmpty()
        || !publicDecrypt.isEmpty()
        || unscoped.stream().anyMatch(u -> u.untrustedAccounts().isEmpty())) {
      return List.of();
    }
    return unscoped.stream().flatMap(u -> u.untrustedAccounts().stream()).distinct().toList();
  }

  public String explanation() {
    if (satisfied()) {
      return "CloudTrail may encrypt with the key only for the trails of trusted accounts ("
          + labels(cloudTrailStatements)
          + ") and no one outside may decrypt";
    }
    StringBuilder sb = new StringBuilder();
    if (!cloudTrailCanEncrypt()) {
      sb.append("no Allow statement lets cloudtrail.amazonaws.com call kms:GenerateDataKey");
    } else if (!unscoped.isEmpty()) {
      sb.append(unscoped.stream().map(Unscoped::describe).collect(Collectors.joining("; ")));
    }
    if (!publicDecrypt.isEmpty()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append("kms:Decrypt is public: ")
          .append(
              publicDecrypt.stream().map(PublicAllow::describe).collect(Collectors.joining("; ")));
    }
    return sb.toString();
  }

  private static String labels(List<StatementRef> refs) {
    return refs.stream().map(StatementRef::label).collect(Collectors.joining(", "));
  }
}
