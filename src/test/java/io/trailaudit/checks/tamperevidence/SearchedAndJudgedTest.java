package io.trailaudit.checks.tamperevidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.collect.HistoryPlan;
import io.trailaudit.collect.HistoryPlan.Lookup;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.EventHistory;
import io.trailaudit.model.Observed;
import io.trailaudit.model.Snapshot;
import io.trailaudit.model.TamperEvents;
import io.trailaudit.snapshot.Snapshots;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The collector searches what the check judges, and the check judges what the collector searches:
 * the demo's lookups as {@code HistoryPlan} plans them, fed to the check as the collector would
 * record them.
 */
class SearchedAndJudgedTest {
  private static final Snapshot DEMO = Snapshots.read(Path.of("examples/snapshots/demo-org.json"));
  private static final Instant START = Instant.parse("2026-08-01T00:00:00Z");
  private static final Instant END = Instant.parse("2026-10-30T00:00:00Z");
  private static final Set<String> HISTORY_REQUIREMENTS =
      Set.of("trail-changes", "bucket-changes", "key-changes", "scp-changes", "alerting-changes");
  private static final ChangeEvent.Caller OUTSIDER =
      new ChangeEvent.Caller("IAMUser", "arn:aws:iam::999999999999:user/mallory", null, null, null);

  private static List<Finding> judge(List<EventHistory> histories) {
    Snapshot s = DEMO.toBuilder().eventHistory(Observed.known(histories)).build();
    return new TamperEvidenceCheck()
        .evaluate(s, AuditConfig.defaults()).stream()
            .filter(f -> HISTORY_REQUIREMENTS.contains(f.requirement()))
            .toList();
  }

  private static EventHistory searched(Lookup l, List<ChangeEvent> events) {
    return new EventHistory(
        l.account(),
        l.region(),
        START,
        END,
        l.eventNames(),
        List.copyOf(l.resources()),
        Observed.known(events));
  }

  @Test
  void theDemoPlansASearchOfEveryKindOfResource() {
    Set<String> planned = new LinkedHashSet<>();
    HistoryPlan.of(DEMO).forEach(l -> planned.addAll(l.eventNames()));
    for (TamperEvents kind : TamperEvents.values()) {
      assertThat(planned).as(kind.name()).containsAll(kind.searched());
    }
  }

  @Test
  void everyNameTheCheckJudgesIsSearched() {
    // A judged name the plan leaves out is an ERROR ("was not searched for …") on a quiet history.
    List<Finding> findings =
        judge(HistoryPlan.of(DEMO).stream().map(l -> searched(l, List.of())).toList());
    // (A trail without a log group has no alerting chain: NOT_APPLICABLE, not a search.)
    assertThat(findings)
        .allSatisfy(
            f -> assertThat(f.status()).as(f.message()).isIn(Status.PASS, Status.NOT_APPLICABLE));
    assertThat(findings)
        .filteredOn(f -> f.status() == Status.PASS)
        .extracting(Finding::requirement)
        .containsAll(HISTORY_REQUIREMENTS);
  }

  @Test
  void everyNameTheCollectorSearchesIsJudgedOrEndsAJudgedStop() {
    // One event per searched name, each on its own day, naming everything its lookup searched for:
    // a name the check ignored would leave its day out of every message.
    List<EventHistory> histories = new ArrayList<>();
    Map<String, String> dayOf = new TreeMap<>();
    Instant t = START.plus(1, ChronoUnit.HOURS);
    for (Lookup l : HistoryPlan.of(DEMO)) {
      List<ChangeEvent> events = new ArrayList<>();
      for (String name : l.eventNames()) {
        events.add(
            new ChangeEvent(
                "e-" + events.size(),
                name,
                "test",
                t,
                l.region(),
                l.account(),
                OUTSIDER,
                "198.51.100.1",
                "aws-cli/2.22.4",
                null,
                List.copyOf(l.resources()),
                Map.of()));
        dayOf.put(l.account() + "/" + l.region() + "/" + name, t.toString().substring(0, 10));
        t = t.plus(1, ChronoUnit.DAYS);
      }
      histories.add(searched(l, events));
    }
    String messages = String.join("\n", judge(histories).stream().map(Finding::message).toList());
    assertThat(dayOf)
        .allSatisfy((name, day) -> assertThat(messages).as(name).contains(" " + day + " "));
  }
}
