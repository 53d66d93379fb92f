package io.trailaudit.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit configuration ({@code --config FILE}, YAML): the engine's global keys and the values of
 * the parameters the loaded checks declare. Every key has a default; see {@code
 * config/trailaudit.yml} for the documented file.
 *
 * @param breakGlassPrincipals principal ARN patterns ({@code *} and {@code ?} allowed) that may
 *     delete logs and are exempted from the anti-tampering SCPs
 * @param skipChecks check ids not to run
 * @param suppressions FAIL findings accepted for a reason, until an expiry
 * @param parameters the checks' parameters, read by their declared names
 */
public record AuditConfig(
    List<String> breakGlassPrincipals,
    List<String> skipChecks,
    List<Suppression> suppressions,
    Parameters parameters) {

  public AuditConfig {
    breakGlassPrincipals =
        breakGlassPrincipals == null ? List.of() : List.copyOf(breakGlassPrincipals);
    skipChecks = skipChecks == null ? List.of() : List.copyOf(skipChecks);
    suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    parameters = parameters == null ? Parameters.none() : parameters;
  }

  /**
   * The global defaults and no parameter value: each check reads its parameters' declared defaults
   * (the check runner adds the declarations of every loaded check).
   */
  public static AuditConfig defaults() {
    return new AuditConfig(null, null, null, null);
  }

  /** A configuration with the given values and the defaults for the rest (for tests and tools). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditConfig}; what is not set keeps its default. */
  public static final class Builder {
    private List<String> breakGlassPrincipals;
    private List<String> skipChecks;
    private List<Suppression> suppressions;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private List<ParameterInfo> declarations = List.of();

    private Builder() {}

    public Builder breakGlassPrincipals(List<String> value) {
      breakGlassPrincipals = value;
      return this;
    }

    public Builder skipChecks(List<String> value) {
      skipChecks = value;
      return this;
    }

    public Builder suppressions(List<Suppression> value) {
      suppressions = value;
      return this;
    }

    /** An integer parameter, by its declared name ({@code lake.minRetentionDays}). */
    public Builder parameter(String name, int value) {
      values.put(name, value);
      return this;
    }

    public Builder parameter(String name, boolean value) {
      values.put(name, value);
      return this;
    }

    public Builder parameter(String name, List<String> value) {
      values.put(name, List.copyOf(value));
      return this;
    }

    /** The declarations the values are validated against and the defaults taken from. */
    public Builder declarations(List<ParameterInfo> value) {
      declarations = List.copyOf(value);
      return this;
    }

    /**
     * @throws IllegalArgumentException when a value does not fit its declaration
     */
    public AuditConfig build() {
      return new AuditConfig(
          breakGlassPrincipals,
          skipChecks,
          suppressions,
          new Parameters(Map.of(), values).declaring(declarations));
    }
  }
}
