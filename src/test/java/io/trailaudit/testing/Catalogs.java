package io.trailaudit.testing;

import io.trailaudit.checks.CheckRunner;
import io.trailaudit.checks.ControlCatalog;
import io.trailaudit.config.AuditConfig;
import java.util.List;

/** The catalog of the checks on the test class path, as an audit builds it. */
public final class Catalogs {
  private static final ControlCatalog BUILT_IN = CheckRunner.discover().catalog();

  private Catalogs() {}

  public static ControlCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * The defaults of every built-in parameter, for a check test calling {@code evaluate} directly on
   * a check that reads a parameter another check declares ({@code uses}).
   */
  public static AuditConfig defaultConfig() {
    return AuditConfig.builder().declarations(List.copyOf(BUILT_IN.parameters().values())).build();
  }
}
