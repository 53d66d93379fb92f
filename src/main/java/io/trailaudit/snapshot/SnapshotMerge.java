package io.trailaudit.snapshot;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Arn;
import io.trailaudit.model.Arns;
import io.trailaudit.model.Bucket;
import io.trailaudit.model.CollectionInfo;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.KmsKey;
import io.trailaudit.model.LogValidation;
import io.trailaudit.model.Observed;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Merges snapshots of disjoint sets of accounts of one organization ({@code trailaudit collect
 * --org --accounts ...} on several workers) into the snapshot one collection of all those accounts
 * would have given.
 *
 * <p>Shards conflict, and are not merged, when they differ in schema version, home region or
 * organization tree (another organization, or the same one read at two moments that disagree: an
 * account or a policy added in between), or when one account is in two shards.
 *
 * <p>A trail, bucket, key or log validation that several shards read (an organization trail is seen
 * from every account) is taken from the shard that audited the account owning it (the trail's
 * account; for a bucket, the account of a trail delivering to it; for a key, the key's account, or
 * the trail's for a key named by id or alias), as one collection reads it with the owner's
 * credentials; when no shard audited the owner, from the first shard given, as one collection reads
 * it with the first account that saw it. Every account's list of trails is given the copy chosen.
 * The collection time is the latest of the shards' (ages are measured against it, so no delivery
 * looks more recent than it was); the regions are the union of the shards'.
 */
public final class SnapshotMerge {
  private SnapshotMerge() {}

  /** Shards that cannot be merged; the message is one line naming the files and the reason. */
  public static final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
      super(message);
    }
  }

  /** A snapshot and the name of its file, for messages. */
  public record Shard(String name, Snapshot snapshot) {}

  public static Snapshot merge(List<Shard> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Shard first = shards.get(0);
    Map<String, Integer> shardOfAccount = new LinkedHashMap<>();
    for (int i = 0; i < shards.size(); i++) {
      Shard s = shards.get(i);
      same(first, s, "schema version", Snapshot::schemaVersion);
      same(first, s, "home region", x -> x.collection().homeRegion());
      if (!Objects.equals(first.snapshot().organization(), s.snapshot().organization())) {
        throw new ConflictException(organizationConflict(first, s));
      }
      for (AccountSnapshot a : s.snapshot().accounts()) {
        Integer other = shardOfAccount.putIfAbsent(a.accountId(), i);
        if (other != null) {
          throw new ConflictException(
              "account "
                  + a.accountId()
                  + " is in both "
                  + shards.get(other).name()
                  + " and "
                  + s.name()
                  + ": each account must be collected in one shard only");
        }
      }
    }

    Map<String, Trail> trails =
        pick(
            shards,
            shardOfAccount,
            s -> s.accounts().stream().flatMap(a -> a.trails().stream()).toList(),
            Trail::arn,
            t -> Set.of(t.ownerAccountId()));
    Map<String, Set<String>> bucketOwners = new LinkedHashMap<>();
    Map<String, Set<String>> keyOwners = new LinkedHashMap<>();
    trails.values().stream()
        .sorted(Comparator.comparing(Trail::arn))
        .forEach(
            t -> {
              if (t.s3BucketName() != null) {
                bucketOwners
                    .computeIfAbsent(t.s3BucketName(), b -> new HashSet<>())
                    .add(t.ownerAccountId());
              }
              if (t.kmsKeyId() != null) {
                keyOwners
                    .computeIfAbsent(t.kmsKeyId(), k -> new HashSet<>())
                    .add(t.ownerAccountId());
              }
            });
    Map<String, Bucket> buckets =
        pick(
            shards,
            shardOfAccount,
            Snapshot::buckets,
            Bucket::name,
            b -> bucketOwners.getOrDefault(b.name(), Set.of()));
    Map<String, KmsKey> keys =
        pick(
            shards,
            shardOfAccount,
            Snapshot::keys,
            KmsKey::arn,
            k ->
                Arn.parse(k.arn())
                    .map(a -> Set.of(a.account()))
                    .orElseGet(() -> keyOwners.getOrDefault(k.arn(), Set.of())));
    Map<String, LogValidation> validations =
        pick(
            shards,
            shardOfAccount,
            Snapshot::logValidations,
            v -> v.trailArn() + "|" + v.account() + "|" + v.region(),
            v -> Set.of(Arns.account(v.trailArn())));

    List<AccountSnapshot> accounts =
        shards.stream()
            .flatMap(s -> s.snapshot().accounts().stream())
            .sorted(Comparator.comparing(AccountSnapshot::accountId))
            .map(
                a ->
                    new AccountSnapshot(
                        a.accountId(),
                        a.name(),
                        a.organization(),
                        a.enabledRegions(),
                        a.s3PublicAccessBlock(),
                        a.regions(),
                        a.trails().stream().map(t -> trails.get(t.arn())).toList()))
            .toList();
    return new Snapshot(
        first.snapshot().schemaVersion(),
        shards.stream()
            .map(s -> s.snapshot().collectedAt())
            .max(Comparator.naturalOrder())
            .orElseThrow(),
        collection(shards),
        first.snapshot().organization(),
        accounts,
        buckets.values().stream().sorted(Comparator.comparing(Bucket::name)).toList(),
        keys.values().stream().sorted(Comparator.comparing(KmsKey::arn)).toList(),
        validations.values().stream()
            .sorted(
                Comparator.comparing(LogValidation::trailArn)
                    .thenComparing(LogValidation::account)
                    .thenComparing(LogValidation::region))
            .toList(),
        history(shards, shardOfAccount));
  }

  /**
   * Each (account, region) searched once, as {@link #pick} chooses; unavailable as the first shard
   * without history has it, since the others' histories would then miss that shard's resources. A
   * shard that could not locate a resource (a member's view of the log-archive bucket) gives way to
   * a shard whose history searched for it where it lives.
   */
  private static Observed<List<EventHistory>> history(
      List<Shard> shards, Map<String, Integer> shardOfAccount) {
    for (Shard s : shards) {
      if (!s.snapshot().eventHistory().isKnown()) {
        return s.snapshot().eventHistory();
      }
    }
    Map<String, EventHistory> picked =
        pick(
            shards,
            shardOfAccount,
            s -> s.eventHistory().value(),
            h -> h.account() + "/" + h.region(),
            h -> h.account() == null ? Set.of() : Set.of(h.account()));
    Set<String> located = new HashSet<>();
    picked.values().stream()
        .filter(h -> h.account() != null && h.region() != null)
        .forEach(h -> located.addAll(h.resources()));
    return Observed.known(
        picked.values().stream()
            .filter(
                h ->
                    (h.account() != null && h.region() != null)
                        || !located.containsAll(h.resources()))
            .sorted(
                Comparator.comparing(
                        EventHistory::account, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                        EventHistory::region, Comparator.nullsFirst(Comparator.naturalOrder())))
            .toList());
  }

  private static CollectionInfo collection(List<Shard> shards) {
    CollectionInfo first = shards.get(0).snapshot().collection();
    TreeSet<String> regions = new TreeSet<>();
    boolean sameRegions = true;
    boolean sameCaller = true;
    boolean allLive = true;
    boolean sameVersion = true;
    for (Shard s : shards) {
      CollectionInfo c = s.snapshot().collection();
      regions.addAll(c.regions());
      sameRegions &= c.regions().equals(first.regions());
      sameCaller &= Objects.equals(c.callerArn(), first.callerArn());
      allLive &= "live".equals(c.method());
      sameVersion &= Objects.equals(c.toolVersion(), first.toolVersion());
    }
    return new CollectionInfo(
        "trailaudit",
        sameVersion ? first.toolVersion() : null,
        allLive ? "live" : "fixture",
        sameCaller ? first.callerArn() : null,
        first.homeRegion(),
        sameRegions ? first.regions() : List.copyOf(regions),
        excluded(shards));
  }

  /**
   * The accounts some shard left out that no shard read: a shard's {@code --accounts} leaves out
   * the accounts the other shards read, which the merged snapshot has.
   */
  private static List<CollectionInfo.ExcludedAccount> excluded(List<Shard> shards) {
    Set<String> read = new HashSet<>();
    shards.forEach(s -> s.snapshot().accounts().forEach(a -> read.add(a.accountId())));
    Map<String, CollectionInfo.ExcludedAccount> left = new TreeMap<>();
    for (Shard s : shards) {
      for (CollectionInfo.ExcludedAccount e : s.snapshot().collection().excludedAccounts()) {
        if (!read.contains(e.accountId())) {
          left.putIfAbsent(e.accountId(), e);
        }
      }
    }
    return List.copyOf(left.values());
  }

  /**
   * Each item once by id: the copy of the shard that audited one of its owners, else the first
   * shard's.
   */
  private static <T> Map<String, T> pick(
      List<Shard> shards,
      Map<String, Integer> shardOfAccount,
      Function<Snapshot, List<T>> items,
      Function<T, String> id,
      Function<T, Set<String>> owners) {
    Map<String, List<T>> copies = new LinkedHashMap<>();
    Map<String, List<Integer>> from = new LinkedHashMap<>();
    for (int i = 0; i < shards.size(); i++) {
      Set<String> seen = new HashSet<>();
      for (T item : items.apply(shards.get(i).snapshot())) {
        if (seen.add(id.apply(item))) {
          copies.computeIfAbsent(id.apply(item), k -> new ArrayList<>()).add(item);
          from.computeIfAbsent(id.apply(item), k -> new ArrayList<>()).add(i);
        }
      }
    }
    Map<String, T> chosen = new LinkedHashMap<>();
    copies.forEach(
        (key, list) -> {
          T pick = list.get(0);
          Set<Integer> ownerShards = new HashSet<>();
          for (String owner : new TreeSet<>(owners.apply(list.get(0)))) {
            Integer shard = shardOfAccount.get(owner);
            if (shard != null) {
              ownerShards.add(shard);
            }
          }
          List<Integer> shardsWithIt = from.get(key);
          for (int j = 0; j < list.size(); j++) {
            if (ownerShards.contains(shardsWithIt.get(j))) {
              pick = list.get(j);
              break;
            }
          }
          chosen.put(key, pick);
        });
    return chosen;
  }

  private static void same(Shard a, Shard b, String what, Function<Snapshot, Object> value) {
    Object x = value.apply(a.snapshot());
    Object y = value.apply(b.snapshot());
    if (!Objects.equals(x, y)) {
      throw new ConflictException(
          a.name() + " and " + b.name() + " have different " + what + "s: " + x + " and " + y);
    }
  }

  private static String organizationConflict(Shard a, Shard b) {
    String x = organizationId(a.snapshot().organization());
    String y = organizationId(b.snapshot().organization());
    if (!Objects.equals(x, y)) {
      return a.name() + " and " + b.name() + " are of different organizations: " + x + " and " + y;
    }
    return a.name()
        + " and "
        + b.name()
        + " disagree on the tree of organization "
        + x
        + " (accounts, OUs or policies changed between the two collections): collect them again";
  }

  private static String organizationId(Observed<OrganizationTree> tree) {
    if (!tree.isKnown()) {
      return "(unreadable: " + tree.failure().reason() + ")";
    }
    return tree.value() == null ? "(none)" : tree.value().organization().organizationId();
  }
}
