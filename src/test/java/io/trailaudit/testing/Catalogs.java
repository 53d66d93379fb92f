package io.trailaudit.testing;

import io.trailaudit.checks.CheckRunner;
import io.trailaudit.checks.ControlCatalog;

/** The catalog of the checks on the test class path, as an audit builds it. */
public final class Catalogs {
  private static final ControlCatalog BUILT_IN = CheckRunner.discover().catalog();

  private Catalogs() {}

  public static ControlCatalog builtIn() {
    return BUILT_IN;
  }
}
