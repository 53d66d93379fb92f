package io.trailaudit.report;

import io.trailaudit.checks.CheckInfo;
import io.trailaudit.checks.ControlRef;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.RequirementInfo;
import io.trailaudit.checks.Severity;
import io.trailaudit.checks.Status;
import io.trailaudit.model.Arn;
import io.trailaudit.report.Sarif.ArtifactLocation;
import io.trailaudit.report.Sarif.Invocation;
import io.trailaudit.report.Sarif.Location;
import io.trailaudit.report.Sarif.LogicalLocation;
import io.trailaudit.report.Sarif.Message;
import io.trailaudit.report.Sarif.MultiformatMessageString;
import io.trailaudit.report.Sarif.Notification;
import io.trailaudit.report.Sarif.PhysicalLocation;
import io.trailaudit.report.Sarif.PropertyBag;
import io.trailaudit.report.Sarif.Region;
import io.trailaudit.report.Sarif.ReportingConfiguration;
import io.trailaudit.report.Sarif.ReportingDescriptor;
import io.trailaudit.report.Sarif.ReportingDescriptorReference;
import io.trailaudit.report.Sarif.ReportingDescriptorRelationship;
import io.trailaudit.report.Sarif.Result;
import io.trailaudit.report.Sarif.Run;
import io.trailaudit.report.Sarif.RunAutomationDetails;
import io.trailaudit.report.Sarif.Suppression;
import io.trailaudit.report.Sarif.Tool;
import io.trailaudit.report.Sarif.ToolComponent;
import io.trailaudit.report.Sarif.ToolComponentReference;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * The SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers: one run, one rule per
 * requirement of the checks that ran, a result per FAIL and MUTED finding (MUTED ones suppressed
 * with their reason), ERROR findings as tool execution notifications, notices about the run
 * (expired or unused suppressions) as tool configuration notifications, and the Security Hub and
 * CIS controls as taxonomies. AWS resources have no file, so each result is located at a stable
 * pseudo-path {@code aws/ACCOUNT/REGION/SERVICE/RESOURCE} with the ARN as its logical location.
 * Results are worst first ({@link ReportOrder}); above GitHub's limits they are aggregated per rule
 * and account, or per rule ({@link #log}).
 */
public final class SarifRenderer implements Renderer {
  static final String INFORMATION_URI = "https://github.com/trailaudit/trailaudit";
  static final String SECURITY_HUB = "AWS Security Hub";
  static final String CIS = "CIS AWS Foundations Benchmark";

  @Override
  public void render(AuditReport report, Writer out) throws IOException {
    JsonRenderer.MAPPER.writeValue(out, log(report));
    out.write(System.lineSeparator());
  }

  /**
   * The log, within GitHub code scanning's limits: one result per finding while there are at most
   * {@link #MAX_RESULTS}; above that one result per rule and account; above that again one per
   * rule; each aggregated result lists at most {@link #MAX_LOCATIONS} resources (more make more
   * results). Should even that not fit (it takes some half a million findings), the worst results
   * are kept and a notification says how many were left out.
   */
  static Sarif.Log log(AuditReport report) {
    return log(report, MAX_RESULTS);
  }

  /** The log with at most {@code maxResults} results (a parameter for tests). */
  static Sarif.Log log(AuditReport report, int maxResults) {
    List<Finding> failed =
        report.findings().stream()
            .filter(f -> f.status() == Status.FAIL || f.status() == Status.MUTED)
            .toList();
    Sarif.Log log = null;
    for (Grouping g : Grouping.values()) {
      int results = g == Grouping.FINDING ? failed.size() : groups(failed, g).size();
      if (results > maxResults && g != Grouping.RULE) {
        continue; // counted first: building a log of 30,000 results only to drop it is slow
      }
      log = log(report, g, maxResults);
      if (fits(log, maxResults)) {
        return log;
      }
    }
    Run run = log.runs().get(0);
    List<Result> all = run.results();
    int keep = Math.min(all.size(), maxResults);
    while (true) {
      Sarif.Log cut = cut(log, all.subList(0, keep), all.size() - keep, maxResults);
      if (fits(cut, maxResults) || keep == 0) {
        return cut;
      }
      keep = keep * 9 / 10;
    }
  }

  /**
   * How findings become results. GitHub keeps at most 5,000 results per run (and rejects a run of
   * more than 25,000), so above that trailaudit aggregates rather than let GitHub drop results.
   */
  enum Grouping {
    /** One result per FAIL or MUTED finding. */
    FINDING,
    /** One result per rule and account (and suppression), listing the resources. */
    ACCOUNT,
    /** One result per rule (and suppression), listing the accounts and resources. */
    RULE
  }

  /** GitHub code scanning keeps (displays) at most this many results of a run. */
  static final int MAX_RESULTS = 5_000;

  /** GitHub code scanning shows at most this many locations of a result (it accepts 1,000). */
  static final int MAX_LOCATIONS = 100;

  /** GitHub code scanning shows at most this many tags of a rule (it accepts 20). */
  static final int MAX_TAGS = 10;

  /** GitHub code scanning rejects a SARIF file over 10 MB, gzip-compressed. */
  static final long MAX_GZIP_BYTES = 10L * 1024 * 1024;

  /** Notification descriptor of a run whose results are aggregated or cut. */
  static final String AGGREGATED = "sarif-results-aggregated";

  static boolean fits(Sarif.Log log, int maxResults) {
    return log.runs().stream().allMatch(r -> r.results().size() <= maxResults)
        && gzipSize(log) <= MAX_GZIP_BYTES;
  }

  /** The size of the log as written, gzip-compressed. */
  static long gzipSize(Sarif.Log log) {
    CountingStream counter = new CountingStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(counter)) {
      JsonRenderer.MAPPER.writeValue(gzip, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counter.count;
  }

  static Sarif.Log log(AuditReport report, Grouping grouping, int maxResults) {
    List<CheckInfo> checks =
        report.scope().checks().stream().flatMap(id -> report.catalog().find(id).stream()).toList();
    Taxonomies taxonomies = new Taxonomies(checks, report.catalog().cisVersions());
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    List<ReportingDescriptor> rules = new ArrayList<>();
    for (CheckInfo c : checks) {
      for (RequirementInfo r : c.requirements()) {
        ruleIndex.put(c.id() + "/" + r.id(), rules.size());
        rules.add(rule(c, r, taxonomies));
      }
    }
    List<Finding> failed = new ArrayList<>();
    List<Finding> errors = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (!ruleIndex.containsKey(f.ruleId())) {
        ruleIndex.put(f.ruleId(), rules.size());
        rules.add(uncataloguedRule(f));
      }
      if (f.status() == Status.FAIL || f.status() == Status.MUTED) {
        failed.add(f);
      } else if (f.status() == Status.ERROR) {
        errors.add(f);
      }
    }
    List<Result> results = new ArrayList<>();
    List<Notification> notifications = new ArrayList<>();
    if (grouping == Grouping.FINDING) {
      failed.forEach(f -> results.add(result(f, ruleIndex.get(f.ruleId()))));
      errors.forEach(f -> notifications.add(notification(f, ruleIndex.get(f.ruleId()))));
    } else {
      for (List<Finding> group : groups(failed, grouping)) {
        results.add(result(group, grouping, ruleIndex.get(group.get(0).ruleId())));
      }
      for (List<Finding> group : groups(errors, grouping)) {
        notifications.add(notification(group, grouping, ruleIndex.get(group.get(0).ruleId())));
      }
    }
    List<Notification> configuration = new ArrayList<>();
    report.notices().stream().map(SarifRenderer::notification).forEach(configuration::add);
    if (grouping != Grouping.FINDING) {
      configuration.add(
          note(
              failed.size()
                  + " FAIL and MUTED findings are more than the "
                  + maxResults
                  + " results GitHub code scanning keeps per run, so each result here covers"
                  + (grouping == Grouping.ACCOUNT ? " one rule in one account" : " one rule")
                  + " and lists up to "
                  + MAX_LOCATIONS
                  + " resources as its locations; the JSON report (--format json) lists every"
                  + " finding with its fix."));
    }
    ToolComponent driver =
        new ToolComponent(
            report.tool(), report.version(), INFORMATION_URI, taxonomies.references(), rules, null);
    Invocation invocation =
        new Invocation(
            notifications.isEmpty(),
            report.generatedAt(),
            report.generatedAt(),
            notifications,
            configuration);
    Run run =
        new Run(
            new Tool(driver),
            List.of(invocation),
            new RunAutomationDetails(automationId(report.scope())),
            taxonomies.components(),
            results);
    return new Sarif.Log(Sarif.SCHEMA, Sarif.VERSION, List.of(run));
  }

  /** The log with only {@code kept} of its results, saying how many were left out. */
  private static Sarif.Log cut(Sarif.Log log, List<Result> kept, int omitted, int maxResults) {
    Run run = log.runs().get(0);
    Invocation inv = run.invocations().get(0);
    List<Notification> configuration = new ArrayList<>(inv.toolConfigurationNotifications());
    configuration.add(
        note(
            omitted
                + " results left out to stay within GitHub code scanning's limits (at most "
                + maxResults
                + " results, 10 MB compressed); none is worse than those kept. The JSON report"
                + " (--format json) lists every finding."));
    Invocation cutInvocation =
        new Invocation(
            inv.executionSuccessful(),
            inv.startTimeUtc(),
            inv.endTimeUtc(),
            inv.toolExecutionNotifications(),
            configuration);
    Run cutRun =
        new Run(
            run.tool(),
            List.of(cutInvocation),
            run.automationDetails(),
            run.taxonomies(),
            List.copyOf(kept));
    return new Sarif.Log(log.schema(), log.version(), List.of(cutRun));
  }

  private static Notification note(String text) {
    return new Notification(
        "note",
        new Message(text),
        null,
        new ReportingDescriptorReference(AGGREGATED, null, null),
        null);
  }

  /**
   * Findings (worst first) grouped by rule, suppression and, for {@link Grouping#ACCOUNT}, account;
   * the groups in order of their first finding, each cut into parts of {@link #MAX_LOCATIONS}.
   */
  static List<List<Finding>> groups(List<Finding> findings, Grouping grouping) {
    Map<List<String>, List<Finding>> byKey = new LinkedHashMap<>();
    for (Finding f : findings) {
      List<String> key =
          Arrays.asList(
              f.ruleId(),
              f.status().name(),
              f.suppression(),
              grouping == Grouping.ACCOUNT ? f.account() : null);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    List<List<Finding>> out = new ArrayList<>();
    for (List<Finding> group : byKey.values()) {
      for (int i = 0; i < group.size(); i += MAX_LOCATIONS) {
        out.add(group.subList(i, Math.min(group.size(), i + MAX_LOCATIONS)));
      }
    }
    return out;
  }

  /** One result for a group of findings of one rule: every resource a location. */
  private static Result result(List<Finding> group, Grouping grouping, int ruleIndex) {
    Finding first = group.get(0);
    List<Location> locations = new ArrayList<>();
    for (Finding f : group) {
      locations.add(
          new Location(
              new PhysicalLocation(new ArtifactLocation(path(f)), new Region(1)),
              List.of(logicalLocation(f))));
    }
    String text =
        groupText(group, grouping)
            + "\n\nThe fix for each resource, with real names, is in the JSON report (--format"
            + " json); the rule's help has the commands.";
    List<Suppression> suppressions =
        first.status() == Status.MUTED
            ? List.of(new Suppression("external", first.suppression()))
            : null;
    return new Result(
        first.ruleId(),
        ruleIndex,
        level(first.severity()),
        new Message(text),
        locations,
        Map.of("primaryLocationLineHash", groupFingerprint(group, grouping)),
        suppressions);
  }

  private static Notification notification(List<Finding> group, Grouping grouping, int ruleIndex) {
    Finding first = group.get(0);
    // Several ERRORs can name one resource (a log group's unparseable filters): SARIF wants each
    // logical location once.
    List<LogicalLocation> logical =
        group.stream().map(SarifRenderer::logicalLocation).distinct().toList();
    return new Notification(
        "error",
        new Message(groupText(group, grouping)),
        List.of(new Location(null, logical)),
        new ReportingDescriptorReference(first.ruleId(), null, null),
        new ReportingDescriptorReference(first.ruleId(), ruleIndex, null));
  }

  /** A heading line, then one line per finding: account, region, resource and message. */
  private static String groupText(List<Finding> group, Grouping grouping) {
    Finding first = group.get(0);
    long accounts = group.stream().map(Finding::account).distinct().count();
    StringBuilder sb = new StringBuilder();
    sb.append(first.status().name())
        .append(" on ")
        .append(group.size())
        .append(group.size() == 1 ? " resource" : " resources")
        .append(
            grouping == Grouping.ACCOUNT
                ? " in account " + first.account()
                : " in " + accounts + (accounts == 1 ? " account" : " accounts"))
        .append(" (")
        .append(first.ruleId())
        .append("):");
    for (Finding f : group) {
      sb.append("\n- ")
          .append(f.account())
          .append(' ')
          .append(f.region())
          .append(' ')
          .append(f.resourceArn())
          .append(": ")
          .append(f.message());
    }
    return sb.toString();
  }

  /**
   * Rule, account (or all) and the first resource of the part: stable while the part's first
   * resource stays, so the alert stays one alert.
   */
  static String groupFingerprint(List<Finding> group, Grouping grouping) {
    Finding first = group.get(0);
    return hash(
        String.join(
            "\n",
            grouping.name(),
            first.ruleId(),
            first.status() == Status.MUTED ? "muted" : "",
            grouping == Grouping.ACCOUNT ? first.account() : "*",
            first.account(),
            first.region(),
            first.resourceArn()));
  }

  private static ReportingDescriptor rule(CheckInfo check, RequirementInfo r, Taxonomies tax) {
    String ruleId = check.id() + "/" + r.id();
    List<String> tags = new ArrayList<>(List.of("security", check.id()));
    List<ReportingDescriptorRelationship> relationships = new ArrayList<>();
    for (ControlRef c : r.controls()) {
      tags.add(tag(c));
      relationships.add(new ReportingDescriptorRelationship(tax.reference(c), List.of("relevant")));
    }
    String controls =
        r.controls().stream().map(ControlRef::label).collect(Collectors.joining(", "));
    StringBuilder text = new StringBuilder(r.title()).append(".\n\nPasses when: ");
    text.append(r.passesWhen()).append(".\n");
    StringBuilder markdown = new StringBuilder("**").append(r.title()).append("**\n\n");
    markdown.append("Passes when: ").append(r.passesWhen()).append(".\n");
    if (!controls.isEmpty()) {
      text.append("\nControls: ").append(controls).append(".\n");
      markdown.append("\nControls: ").append(controls).append(".\n");
    }
    text.append("\nRemediation (placeholders are filled with real names in each result):\n");
    markdown.append(
        "\n#### Remediation\n\nPlaceholders are filled with real names in each result.\n");
    for (Map.Entry<String, String> e : r.remediations().entrySet()) {
      boolean label = r.remediations().size() > 1;
      text.append(label ? "[" + e.getKey() + "]\n" : "").append(e.getValue()).append('\n');
      markdown
          .append(label ? "\n" + e.getKey() + ":\n" : "\n")
          .append("```sh\n")
          .append(e.getValue())
          .append("\n```\n");
    }
    if (tags.size() > MAX_TAGS) {
      // The controls are also the rule's relationships: nothing is lost from the log.
      tags = new ArrayList<>(tags.subList(0, MAX_TAGS));
    }
    return new ReportingDescriptor(
        ruleId,
        name(ruleId),
        new MultiformatMessageString(r.title(), null),
        new MultiformatMessageString(r.passesWhen(), null),
        new MultiformatMessageString(text.toString().strip(), markdown.toString().strip()),
        new ReportingConfiguration(level(r.severity())),
        relationships,
        new PropertyBag(tags, securitySeverity(r.severity())));
  }

  /** A finding of a check that is not in the catalog (a plug-in without metadata). */
  private static ReportingDescriptor uncataloguedRule(Finding f) {
    return new ReportingDescriptor(
        f.ruleId(),
        name(f.ruleId()),
        new MultiformatMessageString(f.ruleId(), null),
        null,
        null,
        new ReportingConfiguration(level(f.severity())),
        null,
        new PropertyBag(List.of("security", f.checkId()), securitySeverity(f.severity())));
  }

  private static Result result(Finding f, int ruleIndex) {
    String text =
        f.remediation() == null
            ? f.message()
            : f.message() + "\n\nRemediation:\n" + f.remediation();
    List<Suppression> suppressions =
        f.status() == Status.MUTED ? List.of(new Suppression("external", f.suppression())) : null;
    Location location =
        new Location(
            new PhysicalLocation(new ArtifactLocation(path(f)), new Region(1)),
            List.of(logicalLocation(f)));
    return new Result(
        f.ruleId(),
        ruleIndex,
        level(f.severity()),
        new Message(text),
        List.of(location),
        Map.of("primaryLocationLineHash", fingerprint(f)),
        suppressions);
  }

  private static Notification notification(Finding f, int ruleIndex) {
    return new Notification(
        "error",
        new Message(f.message()),
        List.of(new Location(null, List.of(logicalLocation(f)))),
        new ReportingDescriptorReference(f.ruleId(), null, null),
        new ReportingDescriptorReference(f.ruleId(), ruleIndex, null));
  }

  /** A notice about the run (an expired or unused suppression): a configuration warning. */
  private static Notification notification(Notice n) {
    return new Notification(
        "warning",
        new Message(n.message()),
        null,
        new ReportingDescriptorReference(n.kind(), null, null),
        null);
  }

  private static LogicalLocation logicalLocation(Finding f) {
    Arn arn = arn(f.resourceArn());
    return new LogicalLocation(arn.resource(), f.resourceArn(), "resource");
  }

  /** GitHub's {@code error}/{@code warning}/{@code note} for a severity. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's score: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, below low. */
  static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "1.0";
    };
  }

  /** {@code securityhub/CloudTrail.1} or {@code cis-aws/5.0.0/3.1}. */
  static String tag(ControlRef c) {
    return c.version() == null ? "securityhub/" + c.id() : "cis-aws/" + c.version() + "/" + c.id();
  }

  /** {@code organization-trail/all-regions} → {@code OrganizationTrailAllRegions}. */
  static String name(String ruleId) {
    StringBuilder sb = new StringBuilder();
    for (String part : ruleId.split("[-/_]")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  /** {@code aws/ACCOUNT/REGION/SERVICE/RESOURCE}, relative and stable across runs. */
  static String path(Finding f) {
    Arn arn = arn(f.resourceArn());
    StringBuilder sb = new StringBuilder("aws");
    for (String part : List.of(f.account(), f.region(), arn.service())) {
      sb.append('/').append(segment(part));
    }
    for (String part : arn.resource().split("[/:]")) {
      if (!part.isEmpty()) {
        sb.append('/').append(segment(part));
      }
    }
    return sb.toString();
  }

  /** Characters other than letters, digits and {@code . _ ~ -} become {@code _}. */
  private static String segment(String s) {
    String clean = s.replaceAll("[^A-Za-z0-9._~-]", "_");
    return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? "_" : clean;
  }

  /** SHA-256 of rule id, account, region and ARN: the same alert across runs, one per resource. */
  static String fingerprint(Finding f) {
    return hash(String.join("\n", f.ruleId(), f.account(), f.region(), f.resourceArn()));
  }

  private static String hash(String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** {@code trailaudit/ORG/} or {@code trailaudit/ACCOUNT+ACCOUNT/}: GitHub's category form. */
  static String automationId(Scope scope) {
    String who =
        scope.organizationId() != null
            ? scope.organizationId()
            : String.join("+", scope.accounts());
    return AuditReport.TOOL + "/" + (who.isEmpty() ? "no-accounts" : who) + "/";
  }

  /** The ARN of a finding's resource; anything else is all resource, of service unknown. */
  private static Arn arn(String text) {
    return Arn.parse(text).orElse(new Arn("", "unknown", "", "", text));
  }

  /**
   * The Security Hub taxonomy and one CIS taxonomy per benchmark version, each holding the control
   * ids that the rules refer to, in order of first use.
   */
  private static final class Taxonomies {
    /** Control ids by taxonomy (Security Hub, then CIS versions), only the taxonomies used. */
    private final Map<String, List<String>> taxa = new LinkedHashMap<>();

    Taxonomies(List<CheckInfo> checks, List<String> cisVersions) {
      List<String> keys = new ArrayList<>(List.of(ControlRef.SECURITY_HUB));
      keys.addAll(cisVersions);
      for (String key : keys) {
        List<String> ids = new ArrayList<>();
        for (CheckInfo c : checks) {
          for (RequirementInfo r : c.requirements()) {
            for (ControlRef ref : r.controls()) {
              if (key(ref).equals(key) && !ids.contains(ref.id())) {
                ids.add(ref.id());
              }
            }
          }
        }
        if (!ids.isEmpty()) {
          taxa.put(key, ids);
        }
      }
    }

    private static String key(ControlRef c) {
      return c.version() == null ? ControlRef.SECURITY_HUB : c.version();
    }

    private static String name(String key) {
      return key.equals(ControlRef.SECURITY_HUB) ? SECURITY_HUB : CIS;
    }

    ReportingDescriptorReference reference(ControlRef c) {
      String key = key(c);
      int component = new ArrayList<>(taxa.keySet()).indexOf(key);
      return new ReportingDescriptorReference(
          c.id(), taxa.get(key).indexOf(c.id()), new ToolComponentReference(name(key), component));
    }

    List<ToolComponent> components() {
      List<ToolComponent> out = new ArrayList<>();
      taxa.forEach(
          (key, ids) -> {
            String version = key.equals(ControlRef.SECURITY_HUB) ? null : key;
            List<ReportingDescriptor> list = ids.stream().map(ReportingDescriptor::taxon).toList();
            out.add(new ToolComponent(name(key), version, null, null, null, list));
          });
      return out;
    }

    List<ToolComponentReference> references() {
      List<ToolComponentReference> out = new ArrayList<>();
      taxa.keySet().forEach(key -> out.add(new ToolComponentReference(name(key), out.size())));
      return out;
    }
  }

  /** Counts bytes and drops them. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
