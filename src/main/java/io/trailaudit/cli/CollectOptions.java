package io.trailaudit.cli;

import io.trailaudit.collect.CollectRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** What a live collection reads and how it reports progress (a picocli mixin). */
final class CollectOptions {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/.+");
  static final int MAX_CONCURRENCY = 256;

  /** The options that only make sense for a live collection, for "not with --snapshot". */
  static final List<String> NAMES =
      List.of(
          "--regions",
          "--concurrency",
          "--org",
          "--member-role",
          "--external-id",
          "--accounts",
          "--exclude-accounts",
          "--log-archive-role",
          "--quiet",
          "--verbose",
          "--verify-digests",
          "--history-days");

  @Option(
      names = "--regions",
      paramLabel = "LIST|all",
      description =
          "Regions to read, comma-separated and used as given, or 'all' (default: every region"
              + " enabled in each account, from account:ListRegions, else ec2:DescribeRegions).")
  String regions;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description = "API reads in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--org",
      description =
          "Audit every account of the AWS Organization, from its management or a delegated"
              + " administrator account (needs --member-role).")
  boolean org;

  @Option(
      names = "--member-role",
      paramLabel = "NAME",
      description =
          "With --org: the role assumed in each member account (arn:aws:iam::ID:role/NAME).")
  String memberRole;

  @Option(
      names = "--external-id",
      paramLabel = "ID",
      description = "The external id the member roles (and --log-archive-role) require.")
  String externalId;

  @Option(
      names = "--accounts",
      paramLabel = "LIST",
      split = ",",
      description = "With --org: only these account ids (comma-separated).")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--exclude-accounts",
      paramLabel = "LIST",
      split = ",",
      description = "With --org: never these account ids (comma-separated).")
  List<String> excludeAccounts = new ArrayList<>();

  @Option(
      names = "--log-archive-role",
      paramLabel = "ARN",
      description =
          "A role to read trail buckets (and keys of its account) that another account owns, e.g."
              + " a log-archive account.")
  String logArchiveRole;

  @Option(
      names = "--verify-digests",
      paramLabel = "HOURS",
      description =
          "Also validate the digest chain and every log file of the last HOURS, as"
              + " 'trailaudit validate-logs' does, for each trail with log file validation"
              + " enabled; reported as log-file-validation/digests-verified.")
  Integer verifyDigestsHours;

  @Option(
      names = "--history-days",
      paramLabel = "N",
      defaultValue = "90",
      description =
          "Search the last N days of CloudTrail event history (cloudtrail:LookupEvents, at most"
              + " 2 calls a second per account and region) for changes to the trails, their"
              + " buckets, keys, SCPs and alerting; 0 turns it off (default: ${DEFAULT-VALUE},"
              + " all the event history keeps).")
  int historyDays;

  @Option(names = "--quiet", description = "No progress on standard error.")
  boolean quiet;

  @Option(
      names = "--verbose",
      description =
          "Log each API call (service, operation, region, status, time) to standard error.")
  boolean verbose;

  /** The request these options describe; a bad value is a usage error naming the option. */
  CollectRequest request() {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new UsageException("--concurrency must be between 1 and " + MAX_CONCURRENCY);
    }
    if (quiet && verbose) {
      throw new UsageException("--quiet and --verbose cannot be used together");
    }
    if (!org && (memberRole != null || !accounts.isEmpty() || !excludeAccounts.isEmpty())) {
      throw new UsageException("--member-role, --accounts and --exclude-accounts need --org");
    }
    if (org && (memberRole == null || memberRole.isBlank())) {
      throw new UsageException(
          "--org needs --member-role NAME, the role to assume in each account");
    }
    if (logArchiveRole != null && !ROLE_ARN.matcher(logArchiveRole).matches()) {
      throw new UsageException(
          "--log-archive-role: \""
              + logArchiveRole
              + "\" is not a role ARN"
              + " (arn:aws:iam::123456789012:role/NAME)");
    }
    if (verifyDigestsHours != null && (verifyDigestsHours < 1 || verifyDigestsHours > 24 * 366)) {
      throw new UsageException("--verify-digests must be between 1 and " + 24 * 366 + " hours");
    }
    if (historyDays < 0 || historyDays > CollectRequest.MAX_HISTORY_DAYS) {
      throw new UsageException(
          "--history-days must be between 0 and "
              + CollectRequest.MAX_HISTORY_DAYS
              + " (the days event history keeps)");
    }
    return new CollectRequest(
        regions(),
        concurrency,
        org
            ? new CollectRequest.Organization(
                memberRole.trim(),
                accountIds("--accounts", accounts),
                accountIds("--exclude-accounts", excludeAccounts))
            : null,
        logArchiveRole,
        externalId,
        verifyDigestsHours == null ? null : Duration.ofHours(verifyDigestsHours),
        historyDays);
  }

  private List<String> regions() {
    if (regions == null || regions.trim().equalsIgnoreCase("all")) {
      return List.of();
    }
    Set<String> list = new LinkedHashSet<>();
    for (String r : regions.split(",")) {
      String region = r.trim();
      if (!REGION.matcher(region).matches()) {
        throw new UsageException(
            "--regions: \"" + region + "\" is not a region name (e.g. us-east-1), nor 'all'");
      }
      list.add(region);
    }
    return List.copyOf(list);
  }

  private static Set<String> accountIds(String option, List<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      if (!ACCOUNT.matcher(id.trim()).matches()) {
        throw new UsageException(option + ": \"" + id + "\" is not a 12-digit account id");
      }
      out.add(id.trim());
    }
    return out;
  }
}
