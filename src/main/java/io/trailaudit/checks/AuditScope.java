package io.trailaudit.checks;

import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The engine's own rule, {@code audit/scope}: an audit that read no account, that misses accounts
 * the organization lists without the snapshot saying why, or that produced no finding, is ERROR. It
 * is never PASS and never skipped: an empty or partial audit must not read as a clean one.
 */
public final class AuditScope {
  /** The pseudo-check id of the engine's rules (in audit-check.json, number 0). */
  public static final String CHECK_ID = "audit";

  static final String REQUIREMENT = "scope";

  private static final CheckInfo INFO =
      CheckMetadata.of(AuditScope.class, "audit-check.json", t -> List.of());

  private AuditScope() {}

  /** The metadata of the engine's rules, catalogued with every audit's checks. */
  public static CheckInfo info() {
    return INFO;
  }

  /**
   * The scope problems of an audit of {@code snapshot} whose checks produced {@code checkFindings};
   * empty when the audit covers what it should.
   */
  public static List<Finding> findings(Snapshot snapshot, int checkFindings) {
    FindingFactory f = new FindingFactory(INFO);
    List<Finding> out = new ArrayList<>();
    OrganizationTree tree =
        snapshot.organization().isKnown() ? snapshot.organization().value() : null;
    if (snapshot.accounts().isEmpty()) {
      out.add(
          f.error(
              REQUIREMENT,
              new Resource("-", Resource.GLOBAL, "-"),
              "the snapshot holds no account, so nothing was audited"
                  + (tree == null
                      ? ""
                      : " (organization "
                          + tree.organization().organizationId()
                          + " lists "
                          + tree.accounts().size()
                          + ")")
                  + ": a collection step may have failed; collect again"));
    }
    if (tree != null) {
      Set<String> audited = new HashSet<>();
      snapshot.accounts().forEach(a -> audited.add(a.accountId()));
      Set<String> explained = new HashSet<>();
      snapshot.collection().excludedAccounts().stream()
          .map(CollectionInfo.ExcludedAccount::accountId)
          .forEach(explained::add);
      for (OrganizationTree.Account a : tree.accounts()) {
        boolean inactive = a.status() != null && !a.status().equals("ACTIVE");
        if (audited.contains(a.id()) || explained.contains(a.id()) || inactive) {
          continue;
        }
        out.add(
            f.error(
                REQUIREMENT,
                Resource.account(a.id()),
                "account "
                    + a.id()
                    + (a.name() == null ? "" : " (" + a.name() + ")")
                    + " is in organization "
                    + tree.organization().organizationId()
                    + " but not in the snapshot, and the snapshot does not say why"
                    + " (collection.excludedAccounts): it was not audited ("
                    + audited.size()
                    + " of the "
                    + tree.accounts().size()
                    + " accounts the organization lists are in the snapshot)"));
      }
    }
    if (checkFindings == 0 && !snapshot.accounts().isEmpty()) {
      out.add(
          f.error(
              REQUIREMENT,
              new Resource("-", Resource.GLOBAL, "-"),
              "no check produced a finding for the "
                  + snapshot.accounts().size()
                  + " account(s) of the snapshot: nothing was verified"));
    }
    return out;
  }
}
