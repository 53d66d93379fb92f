package io.trailaudit.cli;

import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "collect",
    mixinStandardHelpOptions = true,
    description =
        "Read an AWS account (or organization) through the AWS APIs, read-only, and write what was"
            + " read as a snapshot file for 'trailaudit audit --snapshot FILE'.")
final class CollectCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description =
          "Write the snapshot (JSON) to FILE, creating its directory if needed; checked before"
              + " anything is read.")
  Path output;

  @Mixin AwsOptions aws;

  @Mixin CollectOptions collect;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  CollectCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ReportFile file = new ReportFile("-o", output);
    file.check(true);
    LiveCollection.Result result = LiveCollection.collect(env, aws, collect);
    Snapshot snapshot = result.snapshot();
    file.write(out -> Snapshots.write(snapshot, out));
    if (!collect.quiet) {
      env.err()
          .println(
              "trailaudit: wrote "
                  + output
                  + ": "
                  + snapshot.accounts().size()
                  + " account(s), "
                  + snapshot.collection().regions().size()
                  + " region(s), "
                  + result.calls()
                  + " API calls, "
                  + result.failures()
                  + " answered with an error");
      env.err().flush();
    }
    return ExitCode.OK.code();
  }
}
