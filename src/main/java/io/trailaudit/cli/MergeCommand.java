package io.trailaudit.cli;

import io.trailaudit.model.Snapshot;
import io.trailaudit.snapshot.SnapshotMerge;
import io.trailaudit.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Merge snapshots of disjoint sets of accounts of one organization (from 'trailaudit collect"
            + " --org --accounts ...' on several workers) into one, for 'trailaudit audit"
            + " --snapshot FILE'. Shards of different organizations, schema versions or home"
            + " regions, whose organization trees disagree, or with an account in two of them, are"
            + " an error (exit 2).")
final class MergeCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Parameters(paramLabel = "SHARD", arity = "1..*", description = "The snapshots to merge.")
  List<Path> shards;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "Write the merged snapshot (JSON) to FILE.")
  Path output;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  MergeCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    ReportFile file = new ReportFile("-o", output);
    file.check(true);
    Map<String, Path> inputs = new LinkedHashMap<>();
    for (int i = 0; i < shards.size(); i++) {
      inputs.put("SHARD " + (i + 1), shards.get(i));
    }
    ReportFile.distinct(List.of(file), inputs);
    List<SnapshotMerge.Shard> read =
        shards.stream().map(p -> new SnapshotMerge.Shard(p.toString(), Snapshots.read(p))).toList();
    Snapshot merged;
    try {
      merged = SnapshotMerge.merge(read);
    } catch (SnapshotMerge.ConflictException e) {
      throw new UsageException("merge: " + e.getMessage());
    }
    file.write(out -> Snapshots.write(merged, out));
    env.err()
        .println(
            "trailaudit: wrote "
                + output
                + ": "
                + merged.accounts().size()
                + " account(s) from "
                + read.size()
                + " snapshot(s)");
    env.err().flush();
    return ExitCode.OK.code();
  }
}
