package io.trailaudit.cli;

/** Process exit codes: one source for the code and for the help text. */
public enum ExitCode {
  OK(0, "no FAIL finding at or above the --fail-on severity"),
  FINDINGS(1, "at least one FAIL finding at or above the --fail-on severity"),
  USAGE(2, "usage, configuration, input or output file error"),
  INCOMPLETE(3, "the audit has ERROR findings and --fail-on-error was given"),
  INTERNAL(4, "internal error (a bug: please report it with --debug output)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The help footer listing every code. */
  static String[] helpLines() {
    ExitCode[] all = values();
    String[] lines = new String[all.length + 1];
    lines[0] = "%nExit codes:";
    for (int i = 0; i < all.length; i++) {
      lines[i + 1] = "  " + all[i].code + "  " + all[i].meaning;
    }
    return lines;
  }
}
