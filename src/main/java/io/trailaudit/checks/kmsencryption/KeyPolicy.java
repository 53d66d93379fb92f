package io.trailaudit.checks.kmsencryption;

import io.trailaudit.checks.TrailView;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.KmsCloudTrailResult;
import io.trailaudit.policy.PolicyDocument;
import io.trailaudit.policy.PolicyQuestions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The key-policy question of {@code kms-encryption}, worded for findings. */
final class KeyPolicy {
  private KeyPolicy() {}

  /** What the policy answers, with the accounts a CloudTrail scope may name. */
  static KmsCloudTrailResult evaluate(String policyJson, Set<String> trustedAccounts) {
    return PolicyQuestions.kmsKeyCloudTrailAccess(
        PolicyDocument.parse(policyJson), trustedAccounts);
  }

  /**
   * The accounts whose trails may use the key: its owner, the owners of the trails that use it, and
   * every account of the organization when the snapshot holds its tree.
   */
  static Set<String> trustedAccounts(Snapshot snapshot, String keyAccount, List<TrailView> trails) {
    Set<String> trusted = new LinkedHashSet<>();
    if (!keyAccount.isEmpty()) {
      trusted.add(keyAccount);
    }
    trails.forEach(t -> trusted.add(t.account()));
    organizationAccounts(snapshot).ifPresent(trusted::addAll);
    return trusted;
  }

  /**
   * The organization's account ids; empty when the snapshot cannot say (tree unreadable, or not
   * collected although the accounts are members). A snapshot of standalone accounts has none.
   */
  static Optional<List<String>> organizationAccounts(Snapshot snapshot) {
    if (snapshot.organization() instanceof Observed.Known<OrganizationTree> k) {
      if (k.value() != null) {
        return Optional.of(
            k.value().accounts().stream().map(OrganizationTree.Account::id).toList());
      }
      boolean standalone =
          snapshot.accounts().stream()
              .map(AccountSnapshot::organization)
              .allMatch(o -> o.isKnown() && o.value() == null);
      return standalone ? Optional.of(List.of()) : Optional.empty();
    }
    return Optional.empty();
  }
}
