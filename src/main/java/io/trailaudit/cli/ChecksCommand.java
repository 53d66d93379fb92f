package io.trailaudit.cli;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.RequirementInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(
    name = "checks",
    mixinStandardHelpOptions = true,
    description = "List the checks, their rule ids, severities and control IDs.")
final class ChecksCommand implements Callable<Integer> {
  private final Cli.Env env;

  ChecksCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = env.out();
    for (var check : env.prefetch().checks().checks()) {
      CheckInfo c = check.info();
      out.printf("%d. %s  [%s]  %s%n", c.number(), c.id(), c.severity().label(), c.title());
      int width =
          c.requirements().stream()
              .mapToInt(r -> c.id().length() + 1 + r.id().length())
              .max()
              .orElse(0);
      for (RequirementInfo r : c.requirements()) {
        String rule = c.id() + "/" + r.id();
        out.printf(
            "   %-" + width + "s  %-8s  %s%n", rule, r.severity().label(), controls(r.controls()));
      }
      out.println();
    }
    out.flush();
    return ExitCode.OK.code();
  }

  static String controls(List<ControlRef> controls) {
    return controls.isEmpty()
        ? "-"
        : controls.stream().map(ControlRef::label).collect(Collectors.joining(", "));
  }
}
