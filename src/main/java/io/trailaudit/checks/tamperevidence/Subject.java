package io.trailaudit.checks.tamperevidence;

import io.trailaudit.checks.Resource;
import io.trailaudit.model.ChangeEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one finding searches the history for.
 *
 * @param variant the remediation variant of a FAIL
 * @param label the resource in words, for messages
 * @param account the account whose history holds the changes
 * @param region the region that records them
 * @param eventNames the changes
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
    List<String> eventNames,
    Set<String> ids,
    Map<String, String> args,
    String unknownWhy,
    Predicate<ChangeEvent> relevant) {

  Subject(
      Requirement requirement,
      String variant,
      Resource resource,
      String label,
      String account,
      String region,
      List<String> eventNames,
      Set<String> ids,
      Map<String, String> args) {
    this(requirement, variant, resource, label, account, region, eventNames, ids, args, null, null);
  }

  Subject(
      Requirement requirement,
      String variant,
      Resource resource,
      String label,
      String account,
      String region,
      List<String> eventNames,
      Set<String> ids,
      Map<String, String> args,
      String unknownWhy) {
    this(
        requirement,
        variant,
        resource,
        label,
        account,
        region,
        eventNames,
        ids,
        args,
        unknownWhy,
        null);
  }

  boolean touches(ChangeEvent e) {
    if (relevant != null && ids != null) {
      return relevant.test(e);
    }
    return ids == null || e.resources().stream().anyMatch(ids::contains);
  }
}
