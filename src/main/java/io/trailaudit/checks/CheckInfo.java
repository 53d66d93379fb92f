package io.trailaudit.checks;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A check's metadata from {@code controls.json}.
 *
 * @param number the practice number (1 to 12), the order of reports
 */
public record CheckInfo(
    String id,
    int number,
    String title,
    Severity severity,
    String description,
    List<RequirementInfo> requirements) {

  public CheckInfo {
    requirements = List.copyOf(requirements);
  }

  public RequirementInfo requirement(String requirementId) {
    return requirements.stream()
        .filter(r -> r.id().equals(requirementId))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("no requirement " + id + "/" + requirementId));
  }
}
