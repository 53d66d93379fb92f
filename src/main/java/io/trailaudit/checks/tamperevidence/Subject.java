package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.Resource;
import io.trailaudit.model.ChangeEvent;
import io.trailaudit.model.TamperEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one finding searches the history for. Built with {@link #of} and refined with the {@code
 * with…} methods.
 *
 * @param variant the remediation variant of a FAIL
 * @param label the resource in words, for messages
 * @param account the account whose history holds the changes
 * @param region the region that records them
 * @param events the kind of resource, whose changes are judged
 * @param ids the names and ARNs a change must name; null: every change in that history counts (why:
 *     {@code unknownWhy})
 * @param args remediation values besides the event's
 * @param relevant decides, instead of {@code ids}, whether a change touches the subject
 */
record Subject(
    Requirement requirement,
    String variant,
    Resource resource,
    String label,
    String account,
    String region,
    TamperEvents events,
    Set<String> ids,
    Map<String, String> args,
    String unknownWhy,
    Predicate<ChangeEvent> relevant) {

  /** The changes of {@code events} that name one of {@code ids}, with the default remediation. */
  static Subject of(
      Requirement requirement,
      Resource resource,
      String label,
      String account,
      String region,
      TamperEvents events,
      Set<String> ids) {
    return new Subject(
        requirement,
        "default",
        resource,
        label,
        account,
        region,
        events,
        ids,
        Map.of(),
        null,
        null);
  }

  Subject withVariant(String variant) {
    return new Subject(
        requirement,
        variant,
        resource,
        label,
        account,
        region,
        events,
        ids,
        args,
        unknownWhy,
        relevant);
  }

  Subject withArgs(Map<String, String> args) {
    return new Subject(
        requirement,
        variant,
        resource,
        label,
        account,
        region,
        events,
        ids,
        args,
        unknownWhy,
        relevant);
  }

  /**
   * Every change in the history counts, as which ones touch the subject is unknown: {@code why}.
   */
  Subject withEveryChange(String why) {
    return new Subject(
        requirement, variant, resource, label, account, region, events, null, args, why, relevant);
  }

  Subject withRelevant(Predicate<ChangeEvent> relevant) {
    return new Subject(
        requirement,
        variant,
        resource,
        label,
        account,
        region,
        events,
        ids,
        args,
        unknownWhy,
        relevant);
  }

  /** The event names judged. */
  List<String> eventNames() {
    return events.changes();
  }

  boolean touches(ChangeEvent e) {
    if (relevant != null && ids != null) {
      return relevant.test(e);
    }
    return ids == null || e.resources().stream().anyMatch(ids::contains);
  }
}
