package io.trailaudit.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Observed;
import io.trailaudit.model.RegionSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrailListingTest {
  static RegionSnapshot region(String name, Observed<List<String>> arns) {
    return new RegionSnapshot(
        name, arns, null, null, null, null, null, null, null, null, null, null);
  }

  static AccountSnapshot account(RegionSnapshot... regions) {
    return new AccountSnapshot("123456789012", null, null, null, null, List.of(regions), List.of());
  }

  static final Observed<List<String>> DENIED =
      Observed.unavailable("cloudtrail", "DescribeTrails", "AccessDeniedException", "no");

  @Test
  void aListingWithEveryRegionReadHasNoGap() {
    AccountSnapshot a = account(region("us-east-1", Observed.known(List.of())));

    assertThat(TrailListing.gaps(a, false)).isEmpty();
    assertThat(TrailListing.gaps(a, true)).isEmpty();
  }

  @Test
  void oneUnreadRegionHidesOnlyItsSingleRegionTrails() {
    AccountSnapshot a =
        account(region("us-east-1", Observed.known(List.of())), region("eu-west-1", DENIED));

    assertThat(TrailListing.gaps(a, false))
        .containsExactly("eu-west-1: cloudtrail:DescribeTrails failed: AccessDeniedException (no)");
    assertThat(TrailListing.gaps(a, true)).isEmpty();
  }

  @Test
  void noRegionReadHidesEveryTrail() {
    assertThat(TrailListing.gaps(account(region("eu-west-1", DENIED)), true)).hasSize(1);
    assertThat(TrailListing.gaps(account(), true))
        .containsExactly("no region of account 123456789012 was read");
  }
}
