package io.trailaudit.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.trailaudit.report.ReportDiff;
import io.trailaudit.report.ReportDiff.Change;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Compare two JSON reports (from 'trailaudit audit --format json'): new failures, fixed"
            + " failures and unchanged failures. Exit 1 only for a new failure at or above"
            + " --fail-on.")
final class DiffCommand implements Callable<Integer> {
  /** The diff's output formats. */
  enum DiffFormat {
    TEXT,
    JSON
  }

  private final Cli.Env env;

  @Parameters(index = "0", paramLabel = "BASE", description = "The earlier JSON report.")
  Path base;

  @Parameters(index = "1", paramLabel = "CURRENT", description = "The later JSON report.")
  Path current;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Exit 1 when a new FAIL is at or above this severity: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DiffFormat format;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  DiffCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ReportDiff diff = ReportDiff.of(ReportDiff.read(base), ReportDiff.read(current));
    PrintWriter out = env.out();
    if (format == DiffFormat.JSON) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("base", base.toString());
      doc.put("current", current.toString());
      doc.put("newFailures", diff.newFailures());
      doc.put("fixed", diff.fixed());
      doc.put("unchanged", diff.unchanged());
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build()
          .writeValue(out, doc);
      out.println();
    } else {
      section(out, "New failures", diff.newFailures());
      section(out, "Fixed", diff.fixed());
      section(out, "Unchanged failures", diff.unchanged());
      out.println(
          "Diff: "
              + diff.newFailures().size()
              + " new, "
              + diff.fixed().size()
              + " fixed, "
              + diff.unchanged().size()
              + " unchanged failure(s)");
    }
    out.flush();
    boolean failing = diff.newFailures().stream().anyMatch(c -> failOn.fails(c.severity()));
    return (failing ? ExitCode.FINDINGS : ExitCode.OK).code();
  }

  private static void section(PrintWriter out, String title, List<Change> changes) {
    out.println(title + " (" + changes.size() + ")");
    for (Change c : changes) {
      String move =
          (c.before() == null ? "absent" : c.before().name())
              + " -> "
              + (c.now() == null ? "absent" : c.now().name());
      out.println(
          "  "
              + c.severity().label()
              + "  "
              + c.ruleId()
              + "  "
              + c.account()
              + "  "
              + c.region()
              + "  "
              + c.resourceArn()
              + "  ("
              + move
              + ")");
    }
    out.println();
  }
}
