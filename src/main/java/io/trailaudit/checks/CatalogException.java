package io.trailaudit.checks;

/** Check metadata that is invalid: a bug in the check, found when the catalog is built. */
public final class CatalogException extends IllegalStateException {
  public CatalogException(String message) {
    super(message);
  }
}
