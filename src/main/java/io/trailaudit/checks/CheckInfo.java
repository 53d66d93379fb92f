package io.trailaudit.checks;

import io.trailaudit.config.ParameterInfo;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A check's metadata, from the {@code check.json} beside its code.
 *
 * @param number the practice number, the order of reports
 * @param placeholders the {@code {name}} values the check supplies to its remediation templates
 * @param parameters the configuration keys the check declares
 * @param uses configuration keys the check reads that another check declares
 */
public record CheckInfo(
    String id,
    int number,
    String title,
    Severity severity,
    String description,
    List<RequirementInfo> requirements,
    List<String> placeholders,
    List<ParameterInfo> parameters,
    List<String> uses) {

  public CheckInfo {
    requirements = List.copyOf(requirements);
    placeholders = List.copyOf(placeholders);
    parameters = List.copyOf(parameters);
    uses = List.copyOf(uses);
  }

  public RequirementInfo requirement(String requirementId) {
    return findRequirement(requirementId)
        .orElseThrow(
            () -> new NoSuchElementException("no requirement " + id + "/" + requirementId));
  }

  public Optional<RequirementInfo> findRequirement(String requirementId) {
    return requirements.stream().filter(r -> r.id().equals(requirementId)).findFirst();
  }
}
