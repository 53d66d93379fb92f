package io.trailaudit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "trailaudit",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Audits AWS CloudTrail posture against best practices (listed by 'trailaudit checks'),"
            + " mapped to Security Hub and CIS controls.")
final class TrailauditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a command is required: audit, collect, merge, validate-logs, diff, checks, explain or"
            + " export");
  }
}
