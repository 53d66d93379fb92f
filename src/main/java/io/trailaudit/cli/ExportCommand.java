package io.trailaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailaudit.checks.CheckRunner;
import io.trailaudit.collect.AwsService;
import io.trailaudit.collect.AwsSettings;
import io.trailaudit.collect.CallLog;
import io.trailaudit.collect.ClientFactory;
import io.trailaudit.collect.ReadOperations;
import io.trailaudit.collect.SecurityHubExport;
import io.trailaudit.report.AuditReport;
import io.trailaudit.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** {@code export}: the only command that writes to AWS, kept apart from audit and collect. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Send a report somewhere that changes state. audit and collect never write.")
final class ExportCommand implements Runnable {
  /** The command with its targets. */
  static picocli.CommandLine commandLine(Cli.Env env) {
    picocli.CommandLine export = new picocli.CommandLine(new ExportCommand());
    export.addSubcommand(new SecurityHub(env));
    return export;
  }

  @Override
  public void run() {
    throw new UsageException("export needs a target: export security-hub REPORT.json");
  }

  @Command(
      name = "security-hub",
      mixinStandardHelpOptions = true,
      description = {
        "Import a JSON report's findings into AWS Security Hub (BatchImportFindings, 100 per"
            + " call); muted findings go SUPPRESSED, passing ones and ones imported earlier but"
            + " absent now RESOLVED (and absent ones ARCHIVED). Calls only"
            + " securityhub:BatchImportFindings, BatchUpdateFindings and GetFindings"
            + " (examples/iam/trailaudit-export-policy.json).",
        "Exit 0 when every finding went through; 1 when Security Hub refused any finding or a"
            + " call failed (each failed id is printed); 2 for an unreadable report or bad"
            + " options."
      })
  static final class SecurityHub implements Callable<Integer> {
    private final Cli.Env env;

    @Parameters(
        index = "0",
        paramLabel = "REPORT.json",
        description = "A report from 'trailaudit audit --format json'.")
    Path report;

    @Mixin AwsOptions aws;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    SecurityHub(Cli.Env env) {
      this.env = env;
    }

    @Override
    public Integer call() throws IOException {
      AuditReport r = Reports.read(report, CheckRunner.discover().catalog());
      JsonNode asff = new ObjectMapper().readTree(Reports.asff(r));
      CallLog log = new CallLog();
      SecurityHubExport.Result result =
          LiveExport.run(env, aws.settings(env.variables()), log, asff);
      PrintWriter out = env.out();
      out.printf(
          "Security Hub: %d imported, %d archived, %d suppressed, %d resolved (%d calls)%n",
          result.imported(),
          result.archived(),
          result.suppressed(),
          result.resolved(),
          log.calls());
      out.flush();
      if (result.ok()) {
        return ExitCode.OK.code();
      }
      PrintWriter err = env.err();
      err.printf("error: the export is incomplete, %d problem(s):%n", result.errors().size());
      result.errors().forEach(e -> err.println("  " + e));
      err.flush();
      return ExitCode.FINDINGS.code();
    }
  }

  /**
   * The AWS side, in its own class so that building the command line (for any command, a snapshot
   * audit included) loads no SDK class.
   */
  static final class LiveExport {
    private LiveExport() {}

    static SecurityHubExport.Result run(
        Cli.Env env, AwsSettings settings, CallLog log, JsonNode asff) {
      AwsCredentialsProvider credentials = settings.credentialsProvider();
      try (ClientFactory factory = new ClientFactory(settings, log, ReadOperations.export())) {
        return new SecurityHubExport(
                region -> factory.client(AwsService.SECURITY_HUB, region, "default", credentials),
                env.clock().instant())
            .export(asff);
      } finally {
        if (credentials instanceof SdkAutoCloseable c) {
          c.close();
        }
      }
    }
  }
}
