package io.trailaudit.cli;

import io.trailaudit.files.InputFileException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/** Builds the command line with injected streams, clock and environment; runs it in-process. */
public final class Cli {
  private Cli() {}

  /** What commands need from the process, injected so that tests run the CLI in-process. */
  record Env(
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      Map<String, String> variables,
      boolean terminal,
      Prefetch prefetch) {
    /** Nothing read ahead. */
    Env(
        PrintWriter out,
        PrintWriter err,
        Clock clock,
        Map<String, String> variables,
        boolean terminal) {
      this(out, err, clock, variables, terminal, Prefetch.NONE);
    }

    /** Colour on a terminal unless {@code NO_COLOR} is set (https://no-color.org). */
    boolean color() {
      String noColor = variables.get("NO_COLOR");
      return terminal && (noColor == null || noColor.isEmpty());
    }
  }

  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Clock clock,
      Map<String, String> variables,
      boolean terminal) {
    Env env = new Env(out, err, clock, variables, terminal, Prefetch.start(args));
    int code = commandLine(env, args.length > 0 ? args[0] : null).execute(args);
    // PrintWriter keeps write errors to itself: a closed pipe or a full disk behind standard
    // output would otherwise pass for a complete report.
    if (out.checkError() && code != ExitCode.INTERNAL.code()) {
      err.println(
          "trailaudit: cannot write to standard output (closed, or the disk is full): the output"
              + " is incomplete");
      err.flush();
      return ExitCode.USAGE.code();
    }
    return code;
  }

  /** The subcommands, in the order help lists them. */
  private static Map<String, Function<Env, Object>> subcommands() {
    Map<String, Function<Env, Object>> m = new LinkedHashMap<>();
    m.put("audit", AuditCommand::new);
    m.put("collect", CollectCommand::new);
    m.put("checks", ChecksCommand::new);
    m.put("explain", ExplainCommand::new);
    m.put("diff", DiffCommand::new);
    m.put("validate-logs", ValidateLogsCommand::new);
    m.put("merge", MergeCommand::new);
    m.put("export", ExportCommand::commandLine);
    return m;
  }

  /** The whole command line. */
  static CommandLine commandLine(Env env) {
    return commandLine(env, null);
  }

  /**
   * The command line; when {@code first} (the first argument) names a subcommand, only that one is
   * built: picocli reads every command's annotations up front, a third of an offline audit's
   * start-up, and only the top-level help lists the others.
   */
  static CommandLine commandLine(Env env, String first) {
    CommandLine cl = new CommandLine(new TrailauditCommand());
    Map<String, Function<Env, Object>> all = subcommands();
    for (var e : all.entrySet()) {
      if (first == null || !all.containsKey(first) || first.equals(e.getKey())) {
        cl.addSubcommand(e.getKey(), e.getValue().apply(env));
      }
    }
    CommandLine audit = cl.getSubcommands().get("audit");
    if (audit != null) {
      AuditCommand.describeOutputDir(audit.getCommandSpec());
    }
    // Each command's own exit codes, from the one table (a command added later gets its rows).
    for (var e : cl.getSubcommands().entrySet()) {
      e.getValue().getCommandSpec().usageMessage().footer(ExitCode.helpLines(e.getKey()));
      for (CommandLine sub : e.getValue().getSubcommands().values()) {
        sub.getCommandSpec().usageMessage().footer(ExitCode.helpLines(e.getKey()));
      }
    }
    cl.getCommandSpec().usageMessage().footer(ExitCode.helpLines("trailaudit"));
    cl.setOut(env.out());
    cl.setErr(env.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL.code());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          env.err().println("trailaudit: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, env.err());
          env.err()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCode.USAGE.code();
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          boolean debug =
              parseResult.hasMatchedOption("--debug")
                  || (parseResult.subcommand() != null
                      && parseResult.subcommand().hasMatchedOption("--debug"));
          if (ex instanceof InputFileException || ex instanceof UsageException) {
            env.err().println("trailaudit: " + ex.getMessage());
            if (debug) {
              ex.printStackTrace(env.err());
            }
            return ExitCode.USAGE.code();
          }
          env.err().println("trailaudit: internal error: " + ex);
          if (debug) {
            ex.printStackTrace(env.err());
          } else {
            env.err().println("Run again with --debug for the stack trace, and please report it.");
          }
          return ExitCode.INTERNAL.code();
        });
    return cl;
  }
}
