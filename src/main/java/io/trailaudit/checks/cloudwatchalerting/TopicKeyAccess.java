package io.trailaudit.checks.cloudwatchalerting;

import io.trailaudit.model.Arns;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.Observed;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.policy.ConditionEvaluator;
import io.trailaudit.policy.Effect;
import io.trailaudit.policy.PolicyDocument;
import io.trailaudit.policy.PolicyParseException;
import io.trailaudit.policy.Principals;
import io.trailaudit.policy.RequestContext;
import io.trailaudit.policy.Statement;
import java.util.List;

/**
 * Whether CloudWatch can publish an alarm to an encrypted SNS topic. It needs {@code kms:Decrypt}
 * and {@code kms:GenerateDataKey*} on the topic's key; the AWS managed key {@code alias/aws/sns}
 * cannot grant them, so a topic encrypted with it never receives CloudWatch alarms (Amazon SNS
 * Developer Guide, "Enable compatibility between event sources from AWS services and encrypted
 * topics"). A customer managed key's policy must allow {@code cloudwatch.amazonaws.com}; its
 * conditions are evaluated with the alarm's {@code aws:SourceArn} and {@code aws:SourceAccount},
 * the keys CloudWatch sends. An unknown condition operator makes the answer unknown, never yes.
 */
final class TopicKeyAccess {
  static final String CLOUDWATCH = "cloudwatch.amazonaws.com";
  private static final List<String> ACTIONS = List.of("kms:Decrypt", "kms:GenerateDataKey");

  private TopicKeyAccess() {}

  static AlarmFiring.Verdict judge(SnsTopic topic, String alarmArn) {
    if (!(topic.attributes() instanceof Observed.Known<SnsTopic.Attributes> a)
        || a.value() == null) {
      return AlarmFiring.Verdict.unknown(
          "its attributes (KmsMasterKeyId) could not be read: "
              + topic.attributes().failure().reason());
    }
    String keyId = a.value().kmsMasterKeyId();
    if (keyId == null || keyId.isBlank()) {
      return AlarmFiring.Verdict.fires();
    }
    if (keyId.equals("alias/aws/sns") || keyId.endsWith(":alias/aws/sns")) {
      return AlarmFiring.Verdict.never(
          "it is encrypted with the AWS managed key alias/aws/sns, whose policy cannot let"
              + " CloudWatch use it");
    }
    if (!(topic.key() instanceof Observed.Known<KmsKey> k) || k.value() == null) {
      return AlarmFiring.Verdict.unknown(
          "its key " + keyId + " was not read: " + topic.key().failure().reason());
    }
    KmsKey key = k.value();
    if (!(key.metadata() instanceof Observed.Known<KmsKey.KeyMetadata> m) || m.value() == null) {
      return AlarmFiring.Verdict.unknown(
          "key " + keyId + " could not be described: " + key.metadata().failure().reason());
    }
    if ("AWS".equals(m.value().keyManager())) {
      return AlarmFiring.Verdict.never(
          "it is encrypted with the AWS managed key " + keyId + ", which CloudWatch cannot use");
    }
    if (!"Enabled".equals(m.value().keyState())) {
      return AlarmFiring.Verdict.never(
          "its key " + keyId + " is " + m.value().keyState() + ", so nothing can be published");
    }
    if (!(key.policy() instanceof Observed.Known<String> p) || p.value() == null) {
      return AlarmFiring.Verdict.unknown(
          "the policy of key " + keyId + " could not be read: " + key.policy().failure().reason());
    }
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(p.value());
    } catch (PolicyParseException e) {
      return AlarmFiring.Verdict.unknown("the policy of key " + keyId + " cannot be parsed");
    }
    RequestContext request =
        RequestContext.empty()
            .with("aws:SourceArn", alarmArn)
            .with("aws:SourceAccount", Arns.account(alarmArn));
    try {
      for (String action : ACTIONS) {
        boolean allowed = false;
        for (Statement s : doc.statements()) {
          if (!s.principalMatches(Principals.SERVICE, CLOUDWATCH)
              || !s.appliesToAction(action)
              || !ConditionEvaluator.allHold(s.conditions(), request)) {
            continue;
          }
          if (s.effect() == Effect.DENY) {
            return AlarmFiring.Verdict.never(
                "the policy of key " + keyId + " denies " + action + " to " + CLOUDWATCH);
          }
          allowed = true;
        }
        if (!allowed) {
          return AlarmFiring.Verdict.never(
              "the policy of its key "
                  + keyId
                  + " does not allow "
                  + CLOUDWATCH
                  + " "
                  + action
                  + " for this alarm");
        }
      }
    } catch (IllegalArgumentException e) {
      return AlarmFiring.Verdict.unknown(
          "the policy of key "
              + keyId
              + " has a condition trailaudit cannot evaluate: "
              + e.getMessage());
    }
    return AlarmFiring.Verdict.fires();
  }
}
