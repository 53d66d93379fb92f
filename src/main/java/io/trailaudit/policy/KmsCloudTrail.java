package io.trailaudit.policy;

import io.trailaudit.model.Arn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Question 4: can CloudTrail encrypt with a KMS key, only for the trails of trusted accounts, and
 * is Decrypt public.
 *
 * <p>A CloudTrail statement is scoped when one of its conditions on {@code
 * kms:EncryptionContext:aws:cloudtrail:arn}, {@code aws:SourceArn} or {@code aws:SourceAccount}
 * names, in every value, a fixed trusted account (the key owner's, the accounts whose trails use
 * the key, the organization's): the account field of a trail ARN pattern, or the account itself.
 * {@code arn:aws:cloudtrail:*:*:trail/*} lets any account's trail use the key, the confused-deputy
 * case CloudTrail's key-policy guidance warns about. Wildcards elsewhere in the ARN (region, trail
 * name) are fine: a trail ARN has exactly five colons, so a pattern with five literal colons keeps
 * its account field aligned even under {@code StringLike}.
 */
final class KmsCloudTrail {
  static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
  static final String ENCRYPTION_CONTEXT = "kms:EncryptionContext:aws:cloudtrail:arn";
  private static final String SOURCE_ACCOUNT = "aws:SourceAccount";
  private static final List<String> SOURCE_KEYS = List.of("aws:SourceArn", SOURCE_ACCOUNT);
  private static final List<String> OPERATORS =
      List.of("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  private KmsCloudTrail() {}

  static KmsCloudTrailResult evaluate(PolicyDocument doc, Set<String> trustedAccounts) {
    List<StatementRef> cloudTrail = new ArrayList<>();
    List<KmsCloudTrailResult.Unscoped> unscoped = new ArrayList<>();
    List<PublicAllow> publicDecrypt = new ArrayList<>();
    for (StatementRef ref : doc.statementRefs()) {
      Statement s = ref.statement();
      if (s.effect() == Effect.ALLOW
          && s.principalScope() != PrincipalScope.UNSPECIFIED
          && s.principalMatches(Principals.SERVICE, CLOUDTRAIL)
          && s.appliesToAction("kms:GenerateDataKey")) {
        cloudTrail.add(ref);
        scopeProblem(ref, trustedAccounts).ifPresent(unscoped::add);
      }
      if (PublicAccess.isPublic(s) && s.appliesToAction("kms:Decrypt")) {
        publicDecrypt.addAll(PublicAccess.publicAllows(ref));
      }
    }
    return new KmsCloudTrailResult(cloudTrail, unscoped, publicDecrypt);
  }

  /** Empty when some condition scopes the statement to trusted accounts. */
  private static Optional<KmsCloudTrailResult.Unscoped> scopeProblem(
      StatementRef ref, Set<String> trusted) {
    List<String> why = new ArrayList<>();
    Set<String> untrusted = new LinkedHashSet<>();
    boolean onlyUntrusted = true;
    for (Condition c : ref.statement().conditions()) {
      if (!c.keyIs(ENCRYPTION_CONTEXT) && !c.keyIsAnyOf(SOURCE_KEYS)) {
        continue;
      }
      Optional<String> form = formProblem(c);
      if (form.isPresent()) {
        why.add(c.describe() + " " + form.get());
        onlyUntrusted = false;
        continue;
      }
      List<String> foreign = new ArrayList<>();
      List<String> open = new ArrayList<>();
      for (String v : c.values()) {
        Optional<String> account = account(c, v);
        if (account.isEmpty()) {
          open.add(v);
        } else if (!trusted.contains(account.get())) {
          foreign.add(account.get());
        }
      }
      if (!open.isEmpty()) {
        why.add(
            c.describe()
                + " leaves the account open in "
                + open
                + ", so any account's trail may use the key (confused deputy)");
        onlyUntrusted = false;
      } else if (!foreign.isEmpty()) {
        why.add(
            c.describe()
                + " names account "
                + String.join(", ", new LinkedHashSet<>(foreign))
                + ", neither the key owner nor an account of the organization");
        untrusted.addAll(foreign);
      } else {
        return Optional.empty();
      }
    }
    if (why.isEmpty()) {
      return Optional.of(
          new KmsCloudTrailResult.Unscoped(
              ref,
              "lets CloudTrail use the key without a condition on aws:SourceArn,"
                  + " aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn",
              List.of()));
    }
    return Optional.of(
        new KmsCloudTrailResult.Unscoped(
            ref,
            "lets CloudTrail use the key for trails outside the key owner's organization: "
                + String.join("; ", why),
            onlyUntrusted ? List.copyOf(untrusted) : List.of()));
  }

  /**
   * Why a source condition cannot scope: negated, a set operator or IfExists on a source key
   * (IfExists and ForAnyValue are accepted on the encryption context key, which CloudTrail always
   * sends), an operator that does not match strings.
   */
  private static Optional<String> formProblem(Condition c) {
    if (c.isNegated()) {
      return Optional.of("is negated: it admits every other account");
    }
    if (OPERATORS.stream().noneMatch(c::operatorIs)) {
      return Optional.of("does not match the source");
    }
    if (c.values().isEmpty()) {
      return Optional.of("has no value");
    }
    if (c.keyIs(ENCRYPTION_CONTEXT)) {
      return c.qualifier() == Condition.Qualifier.FOR_ALL_VALUES
          ? Optional.of("uses ForAllValues, which also holds without the key")
          : Optional.empty();
    }
    if (c.ifExists() || c.qualifier() != Condition.Qualifier.NONE) {
      return Optional.of("uses IfExists or a set operator, which may hold without the key");
    }
    return Optional.empty();
  }

  /** The fixed account a value names: itself for aws:SourceAccount, an ARN's account field. */
  static Optional<String> account(Condition c, String value) {
    String account;
    if (c.keyIs(SOURCE_ACCOUNT)) {
      account = value;
    } else {
      Optional<Arn> arn = Arn.parse(value);
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      account = arn.get().account();
    }
    return ACCOUNT.matcher(account).matches() ? Optional.of(account) : Optional.empty();
  }
}
