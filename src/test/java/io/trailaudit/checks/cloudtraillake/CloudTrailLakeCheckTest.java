package io.trailaudit.checks.cloudtraillake;

import static io.trailaudit.testing.FindingLookup.only;
import static io.trailaudit.testing.Fixtures.MGMT;
import static io.trailaudit.testing.Fixtures.account;
import static io.trailaudit.testing.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.checks.Finding;
import io.trailaudit.checks.Status;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.EventDataStore;
import io.trailaudit.model.Observed;
import io.trailaudit.testing.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java only for the control mapping of a finding, which the scenario format has no key for; every
 * other case is data under src/test/resources/checks/cloudtrail-lake/.
 */
class CloudTrailLakeCheckTest {
  static final String STORE_ARN =
      "arn:aws:cloudtrail:us-east-1:" + MGMT + ":eventdatastore/EXAMPLE-f852-4e8f-8bd1";

  // Control mapping: data cannot say which controls a finding carries.
  @Test
  void storeWithoutCustomerManagedKeyFailsCloudTrail10() {
    EventDataStore noCmk =
        new EventDataStore(
            STORE_ARN,
            "org-events",
            "ENABLED",
            true,
            true,
            2557,
            true,
            null,
            "EXTENDABLE_RETENTION_PRICING",
            List.of());
    AccountSnapshot a =
        Regions.everyRegion(account(MGMT), e -> e.eventDataStores = Observed.known(List.of()));
    a = Regions.inRegion(a, "us-east-1", e -> e.eventDataStores = Observed.known(List.of(noCmk)));
    Finding f =
        only(
            new CloudTrailLakeCheck().evaluate(snapshot(a), AuditConfig.defaults()),
            "cloudtrail-lake/cmk",
            MGMT);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.controls()).extracting(c -> c.id()).containsExactly("CloudTrail.10");
  }
}
