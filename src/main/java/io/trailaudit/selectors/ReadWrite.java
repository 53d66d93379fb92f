package io.trailaudit.selectors;

/** Read-only or write events, as the event record's {@code readOnly} field tells them apart. */
public enum ReadWrite {
  READ("true", "read"),
  WRITE("false", "write");

  private final String readOnlyValue;
  private final String label;

  ReadWrite(String readOnlyValue, String label) {
    this.readOnlyValue = readOnlyValue;
    this.label = label;
  }

  /** The {@code readOnly} value of such events: {@code true} or {@code false}. */
  public String readOnlyValue() {
    return readOnlyValue;
  }

  String label() {
    return label;
  }
}
