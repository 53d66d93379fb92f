package io.trailaudit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Process exit codes, and what each means to each command: one table, from which every command's
 * help footer and the README's lists are written. A command without a row of its own for a code (a
 * command added later) gets the {@link #ANY} row, if there is one.
 */
public enum ExitCode {
  OK(0),
  FINDINGS(1),
  USAGE(2),
  INCOMPLETE(3),
  INTERNAL(4);

  /** The row key that applies to every command without a row of its own. */
  static final String ANY = "*";

  private static final String USAGE_MEANING = "usage, configuration, input or output error";

  /** Code, then command, then meaning; a command that never exits with a code has no row. */
  private static final Map<ExitCode, Map<String, String>> TABLE = new LinkedHashMap<>();

  static {
    meaning(OK, ANY, "success");
    meaning(OK, "audit", "no FAIL finding at or above the --fail-on severity");
    meaning(OK, "collect", "the snapshot was written");
    meaning(OK, "diff", "no new FAIL finding at or above the --fail-on severity");
    meaning(OK, "validate-logs", "every digest and log file found in the window is valid");
    meaning(FINDINGS, "audit", "at least one FAIL finding at or above the --fail-on severity");
    meaning(FINDINGS, "diff", "a new FAIL finding at or above the --fail-on severity");
    meaning(FINDINGS, "validate-logs", "a digest or log file is invalid, missing or unreadable");
    meaning(OK, "export", "every finding was imported or updated in Security Hub");
    meaning(FINDINGS, "export", "Security Hub refused a finding or a call failed (ids printed)");
    meaning(USAGE, ANY, USAGE_MEANING);
    meaning(USAGE, "export", USAGE_MEANING + ", or no usable AWS credentials");
    meaning(USAGE, "audit", USAGE_MEANING + ", or no usable AWS credentials");
    meaning(USAGE, "collect", USAGE_MEANING + ", or no usable AWS credentials");
    meaning(USAGE, "validate-logs", "usage error, or no usable AWS credentials");
    meaning(INCOMPLETE, "audit", "the audit has ERROR findings and --fail-on-error was given");
    // Help lines are kept within 80 columns: picocli wraps longer footer lines.
    meaning(
        INCOMPLETE,
        "validate-logs",
        "could not validate: no public keys, no digest in the window, access denied");
    meaning(INTERNAL, ANY, "internal error (a bug: please report it with --debug output)");
  }

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  private static void meaning(ExitCode code, String command, String meaning) {
    TABLE.computeIfAbsent(code, k -> new LinkedHashMap<>()).put(command, meaning);
  }

  public int code() {
    return code;
  }

  /** What the code means to {@code command}, or null when the command never exits with it. */
  public String meaning(String command) {
    Map<String, String> row = TABLE.getOrDefault(this, Map.of());
    return row.getOrDefault(command, row.get(ANY));
  }

  /** The code's meaning to {@code audit}. */
  public String meaning() {
    return meaning("audit");
  }

  /** The help footer of {@code command}: the codes it can exit with and what each means. */
  static String[] helpLines(String command) {
    List<String> lines = new ArrayList<>();
    lines.add("%nExit codes:");
    for (ExitCode c : values()) {
      String meaning = c.meaning(command);
      if (meaning != null) {
        lines.add("  " + c.code + "  " + meaning);
      }
    }
    return lines.toArray(String[]::new);
  }
}
