package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.policy.Effect;
import io.trailaudit.policy.ScpLevel;
import io.trailaudit.policy.ServiceControlPolicies;
import io.trailaudit.policy.StatementRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Check 13: whether someone already blinded the trail, from CloudTrail event history ({@code
 * LookupEvents}) searched for the changes that stop, narrow or hide the logging of each trail, its
 * bucket, its key, the SCPs that protect them and its alerting chain; and from digest validation,
 * the periods CloudTrail delivered nothing.
 */
public final class TamperEvidenceCheck implements Check {
  public static final String ID = "tamper-evidence";

  static final List<String> TRAIL_EVENTS =
      List.of(
          "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors", "PutInsightSelectors");
  static final List<String> STORE_EVENTS =
      List.of("StopEventDataStoreIngestion", "UpdateEventDataStore", "DeleteEventDataStore");

  /** As CloudTrail records them: the bucket form of the public access block and lifecycle calls. */
  static final List<String> BUCKET_EVENTS =
      List.of(
          "PutBucketPolicy",
          "DeleteBucketPolicy",
          "PutBucketAcl",
          "PutBucketPublicAccessBlock",
          "DeleteBucketPublicAccessBlock",
          "PutBucketVersioning",
          "PutBucketLifecycle",
          "PutObjectLockConfiguration",
          "PutBucketLogging",
          "DeleteBucket");

  static final List<String> KEY_EVENTS =
      List.of("DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy", "DisableKeyRotation");
  static final List<String> SCP_EVENTS =
      List.of("DetachPolicy", "UpdatePolicy", "DeletePolicy", "DisablePolicyType");
  static final List<String> ALERTING_EVENTS =
      List.of(
          "DeleteMetricFilter",
          "DeleteLogGroup",
          "PutRetentionPolicy",
          "DeleteAlarms",
          "DisableAlarmActions",
          "Unsubscribe",
          "DeleteTopic");

  /** An SCP protects the trail when it denies one of these (the tamper actions of check 9). */
  static final List<String> TAMPER_ACTIONS =
      List.of(
          "cloudtrail:StopLogging",
          "cloudtrail:DeleteTrail",
          "cloudtrail:UpdateTrail",
          "cloudtrail:PutEventSelectors",
          "cloudtrail:PutInsightSelectors",
          "s3:DeleteBucket",
          "s3:DeleteBucketPolicy",
          "s3:PutBucketPolicy",
          "s3:PutLifecycleConfiguration",
          "s3:PutBucketVersioning",
          "s3:PutBucketAcl",
          "kms:DisableKey",
          "kms:ScheduleKeyDeletion",
          "kms:PutKeyPolicy",
          "kms:CreateGrant");

  static final String CHANGE_PRINCIPALS = "tamperEvidence.changePrincipals";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  /** The configured change principals: the one place this check reads its parameter. */
  List<String> changePrincipals(AuditConfig config) {
    return parameters(config).strings(CHANGE_PRINCIPALS);
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    ChangePrincipals allowed =
        new ChangePrincipals(config.breakGlassPrincipals(), changePrincipals(config));
    History history = new History(f, snapshot.eventHistory(), allowed);
    List<Finding> out = new ArrayList<>();
    Set<String> buckets = new LinkedHashSet<>();
    Set<String> keys = new LinkedHashSet<>();
    List<TrailView> trails = TrailIndex.of(snapshot).all();
    for (TrailView t : trails) {
      out.add(
          history.judge(
              new Subject(
                  Requirement.TRAIL_CHANGES,
                  "default",
                  t.resource(),
                  "trail " + t.label(),
                  t.account(),
                  t.region(),
                  TRAIL_EVENTS,
                  ids(t.arn(), t.name()),
                  Map.of())));
      out.add(alerting(f, history, snapshot, t));
      out.addAll(deliveryGaps(f, snapshot, t));
      if (t.trail().s3BucketName() != null) {
        buckets.add(t.trail().s3BucketName());
      }
      if (t.trail().kmsKeyId() != null) {
        keys.add(t.trail().kmsKeyId());
      }
    }
    for (AccountSnapshot a : snapshot.accounts()) {
      for (RegionSnapshot r : a.regions()) {
        if (r.eventDataStores().isKnown() && r.eventDataStores().value() != null) {
          for (EventDataStore s : r.eventDataStores().value()) {
            out.add(
                history.judge(
                    new Subject(
                        Requirement.TRAIL_CHANGES,
                        "store",
                        new Resource(a.accountId(), r.region(), s.arn()),
                        "event data store " + s.name() + " (" + s.arn() + ")",
                        a.accountId(),
                        r.region(),
                        STORE_EVENTS,
                        ids(s.arn(), Arn.parse(s.arn()).map(Arn::resourceName).orElse(null)),
                        Map.of())));
          }
        }
      }
    }
    for (String name : buckets) {
      out.add(bucket(f, history, snapshot, name));
    }
    for (String key : keys) {
      out.add(key(f, history, snapshot, key));
    }
    if (!trails.isEmpty()) {
      scp(f, history, snapshot).ifPresent(out::add);
    }
    return out;
  }

  private static Finding bucket(FindingFactory f, History history, Snapshot snapshot, String name) {
    Optional<Bucket> b = snapshot.bucket(name);
    String arn = "arn:aws:s3:::" + name;
    String account = b.map(Bucket::accountId).orElse(null);
    Observed<String> region = b.map(Bucket::region).orElse(null);
    String where = region != null && region.isKnown() ? region.value() : null;
    Resource resource =
        new Resource(account == null ? "-" : account, where == null ? Resource.GLOBAL : where, arn);
    if (account == null || where == null) {
      return f.error(
          Requirement.BUCKET_CHANGES,
          resource,
          "the event history of trail bucket "
              + name
              + " cannot be searched: its "
              + (account == null ? "account" : "region")
              + " is unknown"
              + (region != null && !region.isKnown()
                  ? " (" + region.failure().reason() + ")"
                  : ""));
    }
    return history.judge(
        new Subject(
            Requirement.BUCKET_CHANGES,
            "default",
            resource,
            "trail bucket " + name,
            account,
            where,
            BUCKET_EVENTS,
            ids(name, arn),
            Map.of("bucket", name)));
  }

  private static Finding key(FindingFactory f, History history, Snapshot snapshot, String keyId) {
    Optional<KmsKey> k = snapshot.key(keyId);
    String arn = keyId;
    if (!Arn.isArn(arn) && k.isPresent()) {
      KmsKey key = k.get();
      arn =
          Arn.isArn(key.arn())
              ? key.arn()
              : key.metadata().isKnown() && key.metadata().value() != null
                  ? key.metadata().value().arn()
                  : keyId;
    }
    if (!Arn.isArn(arn)) {
      return f.error(
          Requirement.KEY_CHANGES,
          new Resource("-", Resource.GLOBAL, keyId),
          "the event history of trail key "
              + keyId
              + " cannot be searched: the snapshot does not resolve it to a key ARN, which names its"
              + " account and region");
    }
    Arn a = Arn.parse(arn).orElseThrow();
    return history.judge(
        new Subject(
            Requirement.KEY_CHANGES,
            "default",
            new Resource(a.account(), a.region(), arn),
            "trail key " + arn,
            a.account(),
            a.region(),
            KEY_EVENTS,
            ids(arn, a.resourceName()),
            Map.of()));
  }

  /** The trail's log group, the alarms on its metric filters' metrics and their topics. */
  private static Finding alerting(
      FindingFactory f, History history, Snapshot snapshot, TrailView t) {
    String groupArn = t.trail().cloudWatchLogsLogGroupArn();
    if (groupArn == null || Arn.parse(groupArn).isEmpty()) {
      return f.notApplicable(
          Requirement.ALERTING_CHANGES,
          t.resource(),
          "trail "
              + t.name()
              + " delivers to no CloudWatch Logs group, so it has no alerting chain (see"
              + " cloudwatch-alerting/log-group)");
    }
    Arn g = Arn.parse(groupArn).orElseThrow();
    String name = Arn.logGroupName(groupArn);
    Set<String> chain =
        ids(
            name,
            groupArn.endsWith(":*") ? groupArn.substring(0, groupArn.length() - 2) : groupArn);
    String unknown = null;
    Optional<RegionSnapshot> region =
        snapshot
            .account(g.account())
            .flatMap(
                a -> a.regions().stream().filter(r -> r.region().equals(g.region())).findFirst());
    Optional<LogGroup> group =
        region.flatMap(r -> r.logGroups().stream().filter(l -> l.name().equals(name)).findFirst());
    if (group.isEmpty()) {
      unknown = "log group " + name + " is not in the snapshot";
    } else if (!group.get().metricFilters().isKnown()) {
      unknown = "its metric filters could not be read";
    } else if (!region.get().alarms().isKnown()) {
      unknown = "the alarms of " + g.region() + " could not be read";
    } else {
      Set<String> metrics = new TreeSet<>();
      for (LogGroup.MetricFilter mf : group.get().metricFilters().value()) {
        mf.metricTransformations()
            .forEach(m -> metrics.add(m.metricNamespace() + "/" + m.metricName()));
      }
      List<MetricAlarm> alarms =
          region.get().alarms().value() == null ? List.of() : region.get().alarms().value();
      for (MetricAlarm alarm : alarms) {
        if (metrics.contains(alarm.namespace() + "/" + alarm.metricName())) {
          chain.addAll(ids(alarm.alarmName(), alarm.alarmArn()));
          alarm.alarmActions().stream()
              .filter(x -> x != null && x.startsWith("arn:"))
              .forEach(chain::add);
        }
      }
    }
    return history.judge(
        new Subject(
            Requirement.ALERTING_CHANGES,
            "default",
            t.resource(),
            "the alerting chain of trail " + t.name() + " (log group " + name + ")",
            g.account(),
            g.region(),
            ALERTING_EVENTS,
            unknown == null ? chain : null,
            Map.of("logGroup", name),
            unknown));
  }

  private static Optional<Finding> scp(FindingFactory f, History history, Snapshot snapshot) {
    Observed<OrganizationTree> org = snapshot.organization();
    if (org.isKnown() && org.value() == null) {
      return Optional.empty();
    }
    if (!org.isKnown()) {
      String account = snapshot.accounts().isEmpty() ? "-" : snapshot.accounts().get(0).accountId();
      return Optional.of(
          f.error(
              Requirement.SCP_CHANGES,
              Resource.account(account),
              "the organization could not be read, so neither the SCPs that protect the trail nor"
                  + " their history are known: "
                  + org.failure().reason()));
    }
    OrganizationTree tree = org.value();
    String management = tree.organization().managementAccountId();
    String orgArn =
        tree.organization().organizationArn() != null
            ? tree.organization().organizationArn()
            : "arn:aws:organizations::"
                + management
                + ":organization/"
                + tree.organization().organizationId();
    String region = organizationsRegion(Arns.partition(orgArn));
    Resource where = new Resource(management, region, orgArn);
    Optional<Set<String>> protecting = protectingScps(tree);
    Set<String> ids = new TreeSet<>();
    tree.roots().forEach(r -> ids.add(r.id()));
    Set<String> known = new TreeSet<>();
    tree.policies().forEach(p -> known.add(p.id()));
    String note;
    if (protecting.isPresent()) {
      ids.addAll(protecting.get());
      note =
          protecting.get().isEmpty()
              ? "no SCP denies the tamper actions (see scp-protection)"
              : "the SCPs that deny the tamper actions: " + String.join(", ", protecting.get());
    } else {
      ids.addAll(known);
      note = null;
    }
    return Optional.of(
        history.judge(
            new Subject(
                Requirement.SCP_CHANGES,
                "default",
                where,
                "the SCPs of organization "
                    + tree.organization().organizationId()
                    + (note == null ? "" : " (" + note + ")"),
                management,
                region,
                SCP_EVENTS,
                protecting.isPresent() ? ids : null,
                Map.of(),
                protecting.isPresent()
                    ? null
                    : "whether each SCP protects the trail cannot be decided (an SCP could not be"
                        + " parsed or an account's path cannot be followed)",
                e -> scpRelevant(e, ids, known))));
  }

  /**
   * A policy the tree no longer holds (deleted or detached everywhere since) may have protected the
   * trail: an event naming it counts. DisablePolicyType counts on a root.
   */
  private static boolean scpRelevant(
      io.trailaudit.model.ChangeEvent e, Set<String> ids, Set<String> known) {
    if (e.resources().stream().anyMatch(ids::contains)) {
      return true;
    }
    Object policy = e.requestParameters().get("policyId");
    return policy instanceof String p
        && !known.contains(p)
        && !"DisablePolicyType".equals(e.eventName());
  }

  /**
   * The SCPs attached on a member account's path that deny a tamper action; empty if undecidable.
   */
  static Optional<Set<String>> protectingScps(OrganizationTree tree) {
    ServiceControlPolicies scps = ServiceControlPolicies.of(tree);
    Set<String> out = new TreeSet<>();
    for (OrganizationTree.Account a : scps.memberAccounts()) {
      Optional<List<ScpLevel>> path = scps.path(a.id());
      if (path.isEmpty()) {
        return Optional.empty();
      }
      for (ScpLevel level : path.get()) {
        for (ScpLevel.AttachedScp p : level.policies()) {
          if (!p.parsed()) {
            return Optional.empty();
          }
          for (StatementRef ref : p.document().statementRefs()) {
            if (ref.statement().effect() == Effect.DENY
                && TAMPER_ACTIONS.stream().anyMatch(ref.statement()::appliesToAction)) {
              out.add(p.id());
            }
          }
        }
      }
    }
    return Optional.of(out);
  }

  static String organizationsRegion(String partition) {
    return switch (partition) {
      case "aws-us-gov" -> "us-gov-west-1";
      case "aws-cn" -> "cn-northwest-1";
      default -> "us-east-1";
    };
  }

  /** One finding per validation (account, region) of the trail, or why there is none. */
  private static List<Finding> deliveryGaps(FindingFactory f, Snapshot snapshot, TrailView t) {
    Requirement req = Requirement.DELIVERY_GAPS;
    List<LogValidation> validations = snapshot.logValidations(t.arn());
    if (!t.trail().logFileValidationEnabled() && validations.isEmpty()) {
      return List.of(
          f.notApplicable(
              req,
              t.resource(),
              "trail "
                  + t.name()
                  + " has log file validation disabled, so no digest chain shows delivery gaps (see"
                  + " log-file-validation/enabled)"));
    }
    if (validations.isEmpty()) {
      return List.of(
          f.notApplicable(
              req,
              t.resource(),
              "the digests of trail "
                  + t.name()
                  + " were not validated: run the audit with --verify-digests HOURS (or trailaudit"
                  + " validate-logs) to find the periods CloudTrail delivered nothing"));
    }
    List<Finding> out = new ArrayList<>();
    for (LogValidation v : validations) {
      Resource where = new Resource(v.account(), v.region(), t.arn());
      String scope =
          "account " + v.account() + ", region " + v.region() + ", trail " + t.name() + ": ";
      String window = v.windowStart() + " to " + v.windowEnd();
      if (!v.result().isKnown()) {
        out.add(
            f.error(
                req,
                where,
                scope
                    + "the digests of "
                    + window
                    + " could not be validated, so delivery gaps are unknown: "
                    + v.result().failure().reason()));
        continue;
      }
      int gaps = v.result().value().gaps();
      if (gaps > 0) {
        Map<String, String> args = new HashMap<>(t.remediationArgs());
        args.put("trailAccount", v.account());
        args.put("trailRegion", v.region());
        args.put("windowStart", v.windowStart().toString());
        args.put("windowEnd", v.windowEnd().toString());
        out.add(
            f.fail(
                req,
                where,
                scope
                    + gaps
                    + " delivery gap(s) in "
                    + window
                    + ": CloudTrail started a new digest chain "
                    + gaps
                    + " time(s), so logging or validation was off for a while and the events of"
                    + " those periods were never delivered",
                args));
      } else {
        out.add(
            f.pass(
                req,
                where,
                scope + "no delivery gap in " + window + ": the digest chain is unbroken"));
      }
    }
    return out;
  }

  private static Set<String> ids(String... names) {
    Set<String> out = new TreeSet<>();
    for (String n : names) {
      if (n != null && !n.isBlank()) {
        out.add(n);
      }
    }
    return out;
  }
}
