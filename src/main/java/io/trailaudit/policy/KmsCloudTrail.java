package io.trailaudit.policy;

import java.util.ArrayList;
import java.util.List;

/** Question 4: can CloudTrail encrypt with a KMS key, scoped to a source, and is Decrypt public. */
final class KmsCloudTrail {
  static final String CLOUDTRAIL = "cloudtrail.amazonaws.com";
  private static final String ENCRYPTION_CONTEXT = "kms:EncryptionContext:aws:cloudtrail:arn";
  private static final List<String> SOURCE_KEYS = List.of("aws:SourceArn", "aws:SourceAccount");
  private static final List<String> OPERATORS =
      List.of("StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike");

  private KmsCloudTrail() {}

  static KmsCloudTrailResult evaluate(PolicyDocument doc) {
    List<StatementRef> cloudTrail = new ArrayList<>();
    List<StatementRef> unconditioned = new ArrayList<>();
    List<StatementRef> publicDecrypt = new ArrayList<>();
    for (StatementRef ref : doc.statementRefs()) {
      Statement s = ref.statement();
      if (s.effect() == Effect.ALLOW
          && s.principalScope() != PrincipalScope.UNSPECIFIED
          && s.principalMatches(Principals.SERVICE, CLOUDTRAIL)
          && s.appliesToAction("kms:GenerateDataKey")) {
        cloudTrail.add(ref);
        if (s.conditions().stream().noneMatch(KmsCloudTrail::isSourceCondition)) {
          unconditioned.add(ref);
        }
      }
      if (PublicAccess.isPublic(s) && s.appliesToAction("kms:Decrypt")) {
        publicDecrypt.add(ref);
      }
    }
    return new KmsCloudTrailResult(cloudTrail, unconditioned, publicDecrypt);
  }

  /**
   * A positive condition with specific values on the trail's source. IfExists and ForAnyValue are
   * accepted only on the encryption context key, which CloudTrail always sends.
   */
  static boolean isSourceCondition(Condition c) {
    boolean plain = !c.ifExists() && c.qualifier() == Condition.Qualifier.NONE;
    boolean context =
        c.keyIs(ENCRYPTION_CONTEXT) && c.qualifier() != Condition.Qualifier.FOR_ALL_VALUES;
    return (context || c.keyIsAnyOf(SOURCE_KEYS) && plain)
        && !c.isNegated()
        && OPERATORS.stream().anyMatch(c::operatorIs)
        && CallerRestrictions.hasSpecificValues(c);
  }
}
