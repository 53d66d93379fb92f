package io.trailaudit.cli;

import io.trailaudit.checks.CheckRunner;
import io.trailaudit.checks.Finding;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.config.ConfigLoader;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.OrganizationTree;
import io.trailaudit.model.RegionSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.report.AuditReport;
import io.trailaudit.report.Format;
import io.trailaudit.report.Scope;
import io.trailaudit.report.Suppressions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Audit an AWS account or organization (read live through the AWS APIs, or from a snapshot"
            + " file) against the checks and report the findings.")
final class AuditCommand implements Callable<Integer> {
  private final Cli.Env env;

  @Option(
      names = "--snapshot",
      paramLabel = "FILE",
      description =
          "Audit this snapshot file (from 'trailaudit collect' or examples/snapshots) instead of"
              + " reading AWS.")
  Path snapshot;

  @Mixin AwsOptions aws;

  @Mixin CollectOptions collect;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Write the report to FILE instead of standard output: to a temporary file beside it,"
              + " moved into place when complete, so a failed write leaves the old FILE as it was.")
  Path output;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      description =
          "Also write the report in each of --formats to DIR/trailaudit.EXT; the directory is"
              + " created if needed. (The formats and names are filled in by outputDirHelp.)")
  Path outputDir;

  @Option(
      names = "--formats",
      paramLabel = "LIST",
      split = ",",
      description =
          "With --output-dir: the formats to write there, comma-separated:"
              + " ${COMPLETION-CANDIDATES}.")
  List<Format> formats = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "high",
      description =
          "Exit 1 when a FAIL finding is at or above this severity: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}).")
  FailOn failOn;

  @Option(
      names = "--fail-on-error",
      description = "Exit 3 when the audit has ERROR findings (data that could not be read).")
  boolean failOnError;

  @Option(
      names = "--checks",
      paramLabel = "LIST",
      split = ",",
      description = "Run only these checks (comma-separated ids; see 'trailaudit checks').")
  List<String> checks = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (YAML); see config/trailaudit.yml.")
  Path config;

  @Option(names = "--no-color", description = "Never colour the text report.")
  boolean noColor;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** Options that read AWS: meaningless, hence refused, with --snapshot. */
  private static final List<String> LIVE_ONLY =
      java.util.stream.Stream.concat(AwsOptions.NAMES.stream(), CollectOptions.NAMES.stream())
          .toList();

  AuditCommand(Cli.Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    // The snapshot is parsed while the checks' metadata is read (both begun before the command
    // line was, see Prefetch): start-up is most of an offline audit. Its errors surface where it
    // is used, after those of the options and the config.
    CompletableFuture<Snapshot> reading =
        snapshot == null ? null : env.prefetch().snapshot(snapshot);
    CheckRunner runner = env.prefetch().checks();
    try {
      runner.selection(checks, List.of());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--checks: " + e.getMessage());
    }
    if ((outputDir == null) != formats.isEmpty()) {
      throw new UsageException(
          "--output-dir DIR and --formats LIST go together (e.g. --output-dir reports --formats"
              + " sarif,json)");
    }
    if (snapshot != null) {
      List<String> live =
          LIVE_ONLY.stream()
              .filter(o -> spec.commandLine().getParseResult().hasMatchedOption(o))
              .toList();
      if (!live.isEmpty()) {
        throw new UsageException(
            String.join(", ", live) + ": only for a live audit, not with --snapshot");
      }
    }
    List<Output> files = outputFiles();
    AuditConfig cfg =
        config == null
            ? AuditConfig.defaults()
            : ConfigLoader.load(config, runner.ids(), runner.catalog().parameters().values());
    Snapshot snap =
        snapshot == null ? LiveCollection.collect(env, aws, collect).snapshot() : read(reading);
    List<String> ran = runner.selection(checks, cfg.skipChecks());
    List<Finding> findings = runner.run(snap, cfg, ran);
    Suppressions.Result muted =
        Suppressions.apply(findings, cfg.suppressions(), env.clock(), runner.catalog(), ran);
    AuditReport report =
        AuditReport.of(
            runner.catalog(),
            Version.get(),
            env.clock().instant(),
            scope(snap, ran),
            muted.findings(),
            muted.notices());

    String fullReport = fullReport(files);
    for (Output o : files) {
      o.file().write(out -> render(o.format(), false, fullReport, report, out));
    }
    if (output == null) {
      format
          .renderer(new Format.Options(env.color() && !noColor, fullReport))
          .render(report, env.out());
      env.out().flush();
    }
    return Verdict.of(report, failOn, failOnError).code();
  }

  private static Snapshot read(CompletableFuture<Snapshot> reading) {
    try {
      return reading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** A report file and its format. */
  private record Output(ReportFile file, Format format) {}

  /**
   * The report files of this run, checked before anything is read: one per {@code --formats} entry,
   * then {@code -o}. The output directory is created here.
   */
  private List<Output> outputFiles() {
    List<Output> files = new ArrayList<>();
    if (outputDir != null) {
      ReportFile.directory("--output-dir", outputDir);
      for (Format f : formats) {
        Path file = outputDir.resolve("trailaudit." + f.extension());
        files.add(new Output(new ReportFile("--output-dir", file), f));
      }
    }
    if (output != null) {
      files.add(new Output(new ReportFile("-o", output), format));
    }
    for (Output o : files) {
      o.file().check(false);
    }
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("--snapshot", snapshot);
    inputs.put("--config", config);
    ReportFile.distinct(files.stream().map(Output::file).toList(), inputs);
    return files;
  }

  /**
   * A complete report written in this run, for the Markdown report to point to when it is cut:
   * HTML, else JSON, else text; null when there is none.
   */
  private static String fullReport(List<Output> files) {
    for (Format complete : List.of(Format.HTML, Format.JSON, Format.TEXT)) {
      for (Output o : files) {
        if (o.format() == complete) {
          return o.file().path().toString();
        }
      }
    }
    return null;
  }

  private static void render(
      Format f, boolean color, String fullReport, AuditReport report, OutputStream out)
      throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    f.renderer(new Format.Options(color, fullReport)).render(report, w);
    w.flush();
  }

  private Scope scope(Snapshot snap, List<String> ran) {
    TreeSet<String> regions = new TreeSet<>();
    for (AccountSnapshot a : snap.accounts()) {
      a.regions().stream().map(RegionSnapshot::region).forEach(regions::add);
    }
    String orgId = null;
    if (snap.organization().isKnown() && snap.organization().value() != null) {
      OrganizationTree tree = snap.organization().value();
      orgId = tree.organization().organizationId();
    } else {
      orgId =
          snap.accounts().stream()
              .filter(a -> a.organization().isKnown() && a.organization().value() != null)
              .map(a -> a.organization().value().organizationId())
              .findFirst()
              .orElse(null);
    }
    return new Scope(
        snapshot == null ? "live" : "snapshot:" + snapshot,
        snap.collectedAt(),
        orgId,
        snap.accounts().stream().map(AccountSnapshot::accountId).toList(),
        List.copyOf(regions),
        ran);
  }

  /** The --output-dir help, with the file name of every format of the registry. */
  static String outputDirHelp() {
    return "Also write the report in each of --formats to DIR, one file per format ("
        + java.util.Arrays.stream(Format.values())
            .map(f -> f.label() + ": trailaudit." + f.extension())
            .collect(java.util.stream.Collectors.joining(", "))
        + "); the directory is created if needed.";
  }

  /** Puts {@link #outputDirHelp} on the option: an annotation cannot list the enum's values. */
  static void describeOutputDir(CommandSpec spec) {
    picocli.CommandLine.Model.OptionSpec option = spec.findOption("--output-dir");
    spec.remove(option);
    spec.addOption(option.toBuilder().description(outputDirHelp()).build());
  }
}
