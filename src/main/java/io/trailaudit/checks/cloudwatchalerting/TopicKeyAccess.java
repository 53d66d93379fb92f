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
import java.util.Map;

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
          "topic-attributes-unavailable",
          AlarmFiring.Verdict.values(
              AlarmFiring.Verdict.value("reason", AlarmFiring.whyUnread(topic.attributes()))));
    }
    String keyId = a.value().kmsMasterKeyId();
    if (keyId == null || keyId.isBlank()) {
      return AlarmFiring.Verdict.fires();
    }
    if (keyId.equals("alias/aws/sns") || keyId.endsWith(":alias/aws/sns")) {
      return AlarmFiring.Verdict.never("topic-key-aws-sns");
    }
    Map<String, String> values =
        AlarmFiring.Verdict.values(AlarmFiring.Verdict.value("keyId", keyId));
    if (!(topic.key() instanceof Observed.Known<KmsKey> k) || k.value() == null) {
      values.put("reason", AlarmFiring.whyUnread(topic.key()));
      return AlarmFiring.Verdict.unknown("topic-key-not-read", values);
    }
    KmsKey key = k.value();
    if (!(key.metadata() instanceof Observed.Known<KmsKey.KeyMetadata> m) || m.value() == null) {
      values.put("reason", AlarmFiring.whyUnread(key.metadata()));
      return AlarmFiring.Verdict.unknown("topic-key-not-described", values);
    }
    if ("AWS".equals(m.value().keyManager())) {
      return AlarmFiring.Verdict.never("topic-key-aws-managed", values);
    }
    if (!"Enabled".equals(m.value().keyState())) {
      values.put("keyState", String.valueOf(m.value().keyState()));
      return AlarmFiring.Verdict.never("topic-key-not-enabled", values);
    }
    if (!(key.policy() instanceof Observed.Known<String> p) || p.value() == null) {
      values.put("reason", AlarmFiring.whyUnread(key.policy()));
      return AlarmFiring.Verdict.unknown("topic-key-policy-unavailable", values);
    }
    PolicyDocument doc;
    try {
      doc = PolicyDocument.parse(p.value());
    } catch (PolicyParseException e) {
      return AlarmFiring.Verdict.unknown("topic-key-policy-invalid", values);
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
          values.put("action", action);
          values.put("principal", CLOUDWATCH);
          if (s.effect() == Effect.DENY) {
            return AlarmFiring.Verdict.never("topic-key-denies", values);
          }
          allowed = true;
        }
        if (!allowed) {
          values.put("action", action);
          values.put("principal", CLOUDWATCH);
          return AlarmFiring.Verdict.never("topic-key-does-not-allow", values);
        }
      }
    } catch (IllegalArgumentException e) {
      values.put("reason", String.valueOf(e.getMessage()));
      return AlarmFiring.Verdict.unknown("topic-key-condition-unknown", values);
    }
    return AlarmFiring.Verdict.fires();
  }
}
