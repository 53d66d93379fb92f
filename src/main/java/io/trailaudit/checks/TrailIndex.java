package io.trailaudit.checks;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.Trail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every trail of a snapshot once per ARN, with reads merged across the accounts that see it. */
public final class TrailIndex {
  private final Map<String, TrailView> byArn;

  private TrailIndex(Map<String, TrailView> byArn) {
    this.byArn = byArn;
  }

  public static TrailIndex of(Snapshot snapshot) {
    Map<String, List<Trail>> sightings = new LinkedHashMap<>();
    for (AccountSnapshot account : snapshot.accounts()) {
      for (Trail t : account.trails()) {
        sightings.computeIfAbsent(t.arn(), k -> new ArrayList<>()).add(t);
      }
    }
    Map<String, TrailView> views = new LinkedHashMap<>();
    for (Map.Entry<String, List<Trail>> e : sightings.entrySet()) {
      List<Trail> seen = new ArrayList<>(e.getValue());
      String owner = seen.get(0).ownerAccountId();
      // The owner's own reads first: they are authoritative and their failures most telling.
      seen.sort(Comparator.comparing((Trail t) -> !isFromOwner(snapshot, t, owner)));
      Trail description = seen.get(0);
      views.put(
          e.getKey(),
          new TrailView(
              description,
              isFromOwner(snapshot, description, owner),
              firstKnown(seen, Trail::status),
              firstKnown(seen, Trail::eventSelectors),
              firstKnown(seen, Trail::insightSelectors)));
    }
    return new TrailIndex(views);
  }

  /** All distinct trails, in snapshot order. */
  public List<TrailView> all() {
    return List.copyOf(byArn.values());
  }

  /** The trails an account sees (its own and shadow trails), resolved. */
  public List<TrailView> visibleFrom(AccountSnapshot account) {
    return account.trails().stream().map(t -> byArn.get(t.arn())).toList();
  }

  private static boolean isFromOwner(Snapshot snapshot, Trail t, String owner) {
    // The same sighting, not an equal one: a record's equals compares every selector and read.
    return snapshot
        .account(owner)
        .map(a -> a.trails().stream().anyMatch(x -> x == t))
        .orElse(false);
  }

  private static <T> Observed<T> firstKnown(List<Trail> seen, Function<Trail, Observed<T>> read) {
    for (Trail t : seen) {
      Observed<T> o = read.apply(t);
      if (o.isKnown()) {
        return o;
      }
    }
    return read.apply(seen.get(0));
  }
}
