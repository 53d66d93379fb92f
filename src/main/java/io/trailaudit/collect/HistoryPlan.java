package io.trailaudit.collect;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogGroup;
import io.trailaudit.model.MetricAlarm;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.SnsTopic;
import io.trailaudit.model.TamperEvents;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where to search event history, and for what: for each (account, region) where an audited resource
 * lives, the event names that change it and the names and ARNs an event must mention.
 *
 * <ul>
 *   <li>A trail in its owner's account and home region: CloudTrail refuses {@code StopLogging},
 *       {@code UpdateTrail}, {@code DeleteTrail} and the selector calls for a multi-region trail
 *       anywhere else ({@code InvalidHomeRegionException}), so a change that took effect is only
 *       ever recorded there; searching the other regions would cost 9 lookups each for failed
 *       attempts only.
 *   <li>An event data store in its account and region.
 *   <li>A bucket in its account and region (S3 records bucket calls in the bucket's region).
 *   <li>A key in its account and region (from its ARN).
 *   <li>SCPs in the management account, in the partition's Organizations region ({@code us-east-1}
 *       for {@code aws}).
 *   <li>A trail's alerting chain (log group, alarms, topics) in the log group's account and region.
 * </ul>
 *
 * A resource whose account or region is unknown (its reads failed) gets a lookup with a null
 * account or region: the collector records it as unavailable rather than leaving it out.
 */
public final class HistoryPlan {
  // What each kind of resource is searched for: the lists of TamperEvents, which the check judges.
  public static final List<String> TRAIL_EVENTS = TamperEvents.TRAIL.searched();
  public static final List<String> EVENT_DATA_STORE_EVENTS =
      TamperEvents.EVENT_DATA_STORE.searched();
  public static final List<String> BUCKET_EVENTS = TamperEvents.BUCKET.searched();
  public static final List<String> KEY_EVENTS = TamperEvents.KEY.searched();
  public static final List<String> SCP_EVENTS = TamperEvents.SCP.searched();
  public static final List<String> ALERTING_EVENTS = TamperEvents.ALERTING.searched();

  private HistoryPlan() {}

  /**
   * One (account, region) to search.
   *
   * @param account null when a resource's account is unknown
   * @param region null when a resource's region is unknown
   * @param eventNames in the order they are looked up
   * @param resources names and ARNs an event must mention to be kept
   */
  public record Lookup(
      String account, String region, List<String> eventNames, Set<String> resources) {
    public Lookup {
      eventNames = List.copyOf(eventNames);
      resources = Set.copyOf(resources);
    }
  }

  /** The lookups for what {@code s} holds, ordered by account and region. */
  public static List<Lookup> of(Snapshot s) {
    Builder b = new Builder();
    Set<String> trailArns = new TreeSet<>();
    for (AccountSnapshot a : s.accounts()) {
      for (Trail t : a.trails()) {
        if (trailArns.add(t.arn())) {
          b.add(t.ownerAccountId(), t.homeRegion(), TRAIL_EVENTS, t.arn(), t.name());
        }
      }
      for (RegionSnapshot r : a.regions()) {
        if (r.eventDataStores().isKnown() && r.eventDataStores().value() != null) {
          for (EventDataStore e : r.eventDataStores().value()) {
            b.add(a.accountId(), r.region(), EVENT_DATA_STORE_EVENTS, e.arn(), lastPart(e.arn()));
          }
        }
        alerting(b, a.accountId(), r);
      }
    }
    for (Bucket bucket : s.buckets()) {
      String region = bucket.region().isKnown() ? bucket.region().value() : null;
      b.add(
          bucket.accountId(),
          region,
          BUCKET_EVENTS,
          bucket.name(),
          "arn:aws:s3:::" + bucket.name());
    }
    for (KmsKey key : s.keys()) {
      String arn =
          key.metadata().isKnown() && key.metadata().value() != null
              ? key.metadata().value().arn()
              : key.arn();
      boolean isArn = arn != null && arn.startsWith("arn:");
      b.add(
          isArn ? Arns.account(arn) : null,
          isArn ? Arns.region(arn) : null,
          KEY_EVENTS,
          arn,
          isArn ? lastPart(arn) : null);
    }
    if (s.organization().isKnown() && s.organization().value() != null) {
      OrganizationTree tree = s.organization().value();
      String management =
          tree.organization() == null ? null : tree.organization().managementAccountId();
      String partition =
          tree.organization() == null || tree.organization().organizationArn() == null
              ? "aws"
              : Arns.partition(tree.organization().organizationArn());
      List<String> ids = new ArrayList<>();
      tree.policies().stream()
          .filter(p -> "SERVICE_CONTROL_POLICY".equals(p.type()))
          .forEach(p -> ids.add(p.id()));
      tree.roots().forEach(r -> ids.add(r.id()));
      if (!ids.isEmpty()) {
        b.add(management, organizationsRegion(partition), SCP_EVENTS, ids.toArray(String[]::new));
      }
    }
    return b.lookups();
  }

  /** Organizations is a global service; its events are recorded in one region per partition. */
  static String organizationsRegion(String partition) {
    return switch (partition == null ? "aws" : partition) {
      case "aws-us-gov" -> "us-gov-west-1";
      case "aws-cn" -> "cn-northwest-1";
      default -> "us-east-1";
    };
  }

  private static void alerting(Builder b, String account, RegionSnapshot r) {
    List<String> names = new ArrayList<>();
    for (LogGroup g : r.logGroups()) {
      names.add(g.name());
      names.add(g.arn().endsWith(":*") ? g.arn().substring(0, g.arn().length() - 2) : g.arn());
    }
    if (r.alarms().isKnown() && r.alarms().value() != null) {
      for (MetricAlarm alarm : r.alarms().value()) {
        names.add(alarm.alarmName());
        names.add(alarm.alarmArn());
      }
    }
    for (SnsTopic t : r.snsTopics()) {
      names.add(t.arn());
    }
    if (!names.isEmpty()) {
      b.add(account, r.region(), ALERTING_EVENTS, names.toArray(String[]::new));
    }
  }

  private static String lastPart(String arn) {
    int slash = arn == null ? -1 : arn.lastIndexOf('/');
    return slash < 0 ? null : arn.substring(slash + 1);
  }

  private static final class Builder {
    private record Key(String account, String region) {}

    private final Map<Key, LinkedHashSet<String>> names = new LinkedHashMap<>();
    private final Map<Key, Set<String>> resources = new LinkedHashMap<>();

    void add(String account, String region, List<String> events, String... ids) {
      Key k = new Key(account, region);
      names.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(events);
      Set<String> r = resources.computeIfAbsent(k, x -> new TreeSet<>());
      for (String id : ids) {
        if (id != null && !id.isBlank()) {
          r.add(id);
        }
      }
    }

    List<Lookup> lookups() {
      Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
      return names.keySet().stream()
          .sorted(
              Comparator.comparing(Key::account, nullsFirst).thenComparing(Key::region, nullsFirst))
          .map(
              k -> new Lookup(k.account(), k.region(), List.copyOf(names.get(k)), resources.get(k)))
          .filter(l -> !l.resources().isEmpty() || Objects.isNull(l.account()))
          .toList();
    }
  }
}
