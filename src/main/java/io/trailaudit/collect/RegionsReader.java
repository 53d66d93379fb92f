package io.trailaudit.collect;

import io.trailaudit.model.Observed;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.ListRegionsResponse;
import software.amazon.awssdk.services.account.model.Region;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The regions enabled for an account: {@code account:ListRegions} (ENABLED and ENABLED_BY_DEFAULT),
 * falling back to {@code ec2:DescribeRegions}, which lists only enabled regions, when the Account
 * API cannot be read.
 */
public final class RegionsReader {
  private final AccountClient account;
  private final Ec2Client ec2;

  public RegionsReader(AccountClient account, Ec2Client ec2) {
    this.account = account;
    this.ec2 = ec2;
  }

  /**
   * The enabled regions, sorted. When both APIs fail, the EC2 failure is returned with the Account
   * API's in its message.
   */
  public Observed<List<String>> enabledRegions() {
    Observed<List<String>> listed = Reads.read("account", "ListRegions", this::listRegions);
    if (listed.isKnown()) {
      return listed;
    }
    Observed<List<String>> described =
        Reads.read(
            "ec2",
            "DescribeRegions",
            () ->
                ec2.describeRegions(r -> r.allRegions(false)).regions().stream()
                    .map(software.amazon.awssdk.services.ec2.model.Region::regionName)
                    .sorted()
                    .toList());
    if (described.isKnown()) {
      return described;
    }
    Observed.Unavailable<List<String>> u = described.failure();
    return Observed.unavailable(
        u.service(),
        u.operation(),
        u.errorCode(),
        u.message() + "; before it, " + listed.failure().reason());
  }

  private List<String> listRegions() {
    List<String> regions = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListRegionsResponse page =
          account.listRegions(
              r ->
                  r.regionOptStatusContains(
                          RegionOptStatus.ENABLED, RegionOptStatus.ENABLED_BY_DEFAULT)
                      .nextToken(next));
      page.regions().stream().map(Region::regionName).forEach(regions::add);
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return regions.stream().sorted().toList();
  }
}
