package io.trailaudit.checks.tamperevidence;

import static io.trailaudit.checks.FindingFactory.message;

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
import io.trailaudit.model.TamperEvents;
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
              Subject.of(
                  Requirement.TRAIL_CHANGES,
                  t.resource(),
                  f.text(Requirement.TRAIL_CHANGES, message("subject"), Map.of("trail", t.label())),
                  t.account(),
                  t.region(),
                  TamperEvents.TRAIL,
                  ids(t.arn(), t.name()))));
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
            Map<String, String> store = new HashMap<>();
            store.put("store", String.valueOf(s.name()));
            store.put("storeArn", String.valueOf(s.arn()));
            out.add(
                history.judge(
                    Subject.of(
                            Requirement.TRAIL_CHANGES,
                            new Resource(a.accountId(), r.region(), s.arn()),
                            f.text(Requirement.TRAIL_CHANGES, message("subject-store"), store),
                            a.accountId(),
                            r.region(),
                            TamperEvents.EVENT_DATA_STORE,
                            ids(s.arn(), Arn.parse(s.arn()).map(Arn::resourceName).orElse(null)))
                        .withVariant("store")));
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
    Requirement req = Requirement.BUCKET_CHANGES;
    Map<String, String> values = new HashMap<>();
    values.put("bucket", name);
    if (account == null || where == null) {
      boolean unreadable = region != null && !region.isKnown();
      values.put("reason", unreadable ? String.valueOf(region.failure().reason()) : "");
      values.put("regionFailure", unreadable ? f.text(req, message("region-failure"), values) : "");
      return f.error(req, resource, message(account == null ? "no-account" : "no-region"), values);
    }
    return history.judge(
        Subject.of(
                req,
                resource,
                f.text(req, message("subject"), values),
                account,
                where,
                TamperEvents.BUCKET,
                ids(name, arn))
            .withArgs(Map.of("bucket", name)));
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
          message("unresolved"),
          Map.of("keyId", keyId));
    }
    Arn a = Arn.parse(arn).orElseThrow();
    return history.judge(
        Subject.of(
            Requirement.KEY_CHANGES,
            new Resource(a.account(), a.region(), arn),
            f.text(Requirement.KEY_CHANGES, message("subject"), Map.of("keyArn", arn)),
            a.account(),
            a.region(),
            TamperEvents.KEY,
            ids(arn, a.resourceName())));
  }

  /** The trail's log group, the alarms on its metric filters' metrics and their topics. */
  private static Finding alerting(
      FindingFactory f, History history, Snapshot snapshot, TrailView t) {
    Requirement req = Requirement.ALERTING_CHANGES;
    String groupArn = t.trail().cloudWatchLogsLogGroupArn();
    Map<String, String> values = new HashMap<>();
    values.put("trailName", String.valueOf(t.name()));
    if (groupArn == null || Arn.parse(groupArn).isEmpty()) {
      return f.notApplicable(req, t.resource(), message("no-log-group"), values);
    }
    Arn g = Arn.parse(groupArn).orElseThrow();
    String name = Arn.logGroupName(groupArn);
    values.put("logGroup", String.valueOf(name));
    values.put("groupRegion", String.valueOf(g.region()));
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
      unknown = f.text(req, message("group-not-in-snapshot"), values);
    } else if (!group.get().metricFilters().isKnown()) {
      unknown = f.text(req, message("filters-unreadable"), values);
    } else if (!region.get().alarms().isKnown()) {
      unknown = f.text(req, message("alarms-unreadable"), values);
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
    Subject s =
        Subject.of(
                req,
                t.resource(),
                f.text(req, message("subject"), values),
                g.account(),
                g.region(),
                TamperEvents.ALERTING,
                chain)
            .withArgs(Map.of("logGroup", name));
    return history.judge(unknown == null ? s : s.withEveryChange(unknown));
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
              message("org-unreadable"),
              Map.of("reason", String.valueOf(org.failure().reason()))));
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
    Requirement req = Requirement.SCP_CHANGES;
    Map<String, String> values = new HashMap<>();
    values.put("orgId", String.valueOf(tree.organization().organizationId()));
    String label;
    if (protecting.isPresent()) {
      ids.addAll(protecting.get());
      values.put("protecting", String.join(", ", protecting.get()));
      label =
          f.text(
              req,
              message(protecting.get().isEmpty() ? "subject-unprotected" : "subject-protected"),
              values);
    } else {
      ids.addAll(known);
      label = f.text(req, message("subject"), values);
    }
    Subject s =
        Subject.of(req, where, label, management, region, TamperEvents.SCP, ids)
            .withRelevant(e -> scpRelevant(e, ids, known));
    return Optional.of(
        history.judge(
            protecting.isPresent()
                ? s
                : s.withEveryChange(f.text(req, message("undecidable"), values))));
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
    Map<String, String> trail = Map.of("trailName", String.valueOf(t.name()));
    if (!t.trail().logFileValidationEnabled() && validations.isEmpty()) {
      return List.of(f.notApplicable(req, t.resource(), message("validation-disabled"), trail));
    }
    if (validations.isEmpty()) {
      return List.of(f.notApplicable(req, t.resource(), message("not-validated"), trail));
    }
    List<Finding> out = new ArrayList<>();
    for (LogValidation v : validations) {
      Resource where = new Resource(v.account(), v.region(), t.arn());
      Map<String, String> values = new HashMap<>();
      values.put("trailName", String.valueOf(t.name()));
      values.put("trailAccount", String.valueOf(v.account()));
      values.put("trailRegion", String.valueOf(v.region()));
      values.put("windowStart", String.valueOf(v.windowStart()));
      values.put("windowEnd", String.valueOf(v.windowEnd()));
      if (!v.result().isKnown()) {
        values.put("reason", String.valueOf(v.result().failure().reason()));
        out.add(f.error(req, where, message("unvalidated"), values));
        continue;
      }
      int gaps = v.result().value().gaps();
      values.put("gaps", String.valueOf(gaps));
      if (gaps > 0) {
        Map<String, String> args = new HashMap<>(t.remediationArgs());
        args.putAll(values);
        out.add(f.fail(req, where, message("fail"), args));
      } else {
        out.add(f.pass(req, where, message("pass"), values));
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
