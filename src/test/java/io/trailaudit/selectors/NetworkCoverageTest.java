package io.trailaudit.selectors;

import static io.trailaudit.selectors.Sel.MANAGEMENT;
import static io.trailaudit.selectors.Sel.NETWORK;
import static io.trailaudit.selectors.Sel.adv;
import static io.trailaudit.selectors.Sel.eq;
import static io.trailaudit.selectors.Sel.evaluate;
import static io.trailaudit.selectors.Sel.ne;
import static io.trailaudit.selectors.Sel.nsw;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailaudit.selectors.NetworkCoverage.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkCoverageTest {
  private static final String EC2 = "ec2.amazonaws.com";

  @Test
  void oneSourceLogsOnlyThatSource() {
    SelectorEvaluator e = evaluate(adv("ec2", NETWORK, eq("eventSource", EC2)));

    assertThat(e.networkActivity(EC2))
        .isEqualTo(
            new NetworkCoverage(
                Level.FULL, "ec2.amazonaws.com network activity events logged by selector 'ec2'"));
    assertThat(e.networkActivity("s3.amazonaws.com").level()).isEqualTo(Level.NONE);
  }

  @Test
  void vpceAccessDeniedOnlyIsErrorsOnly() {
    NetworkCoverage c =
        evaluate(
                adv("denied", NETWORK, eq("eventSource", EC2), eq("errorCode", "VpceAccessDenied")))
            .networkActivity(EC2);

    assertThat(c.level()).isEqualTo(Level.ERRORS_ONLY);
    assertThat(c.explanation())
        .startsWith(
            "only ec2.amazonaws.com network activity events with errorCode=VpceAccessDenied")
        .contains("logs only errorCode=VpceAccessDenied");
  }

  @Test
  void allActivityBesideDenialsIsFull() {
    SelectorEvaluator e =
        evaluate(
            adv("denied", NETWORK, eq("eventSource", EC2), eq("errorCode", "VpceAccessDenied")),
            adv("all", NETWORK, eq("eventSource", EC2)));

    assertThat(e.networkActivity(EC2).level()).isEqualTo(Level.FULL);
  }

  @Test
  void noEventSourceLogsEverySource() {
    SelectorEvaluator e = evaluate(adv("all network", NETWORK));

    for (String source :
        List.of(
            "s3.amazonaws.com",
            EC2,
            "kms.amazonaws.com",
            "secretsmanager.amazonaws.com",
            "cloudtrail.amazonaws.com")) {
      assertThat(e.networkActivity(source).level()).as(source).isEqualTo(Level.FULL);
    }
  }

  @Test
  void oneVpcEndpointIsPartial() {
    NetworkCoverage c =
        evaluate(adv("vpce", NETWORK, eq("eventSource", EC2), eq("vpcEndpointId", "vpce-1")))
            .networkActivity(EC2);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("logs only vpcEndpointId=vpce-1");
  }

  @Test
  void excludedEndpointLoggedByAnotherSelectorAddsUp() {
    SelectorEvaluator e =
        evaluate(
            adv("others", NETWORK, eq("eventSource", EC2), ne("vpcEndpointId", "vpce-1")),
            adv("vpce-1", NETWORK, eq("eventSource", EC2), eq("vpcEndpointId", "vpce-1")));

    assertThat(e.networkActivity(EC2).level()).isEqualTo(Level.FULL);
  }

  @Test
  void denialsOfOneEndpointArePartialNotErrorsOnly() {
    NetworkCoverage c =
        evaluate(
                adv(
                    "denied",
                    NETWORK,
                    eq("eventSource", EC2),
                    eq("errorCode", "VpceAccessDenied"),
                    eq("vpcEndpointId", "vpce-1")))
            .networkActivity(EC2);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
  }

  @Test
  void eventNameExclusionIsPartial() {
    NetworkCoverage c =
        evaluate(adv("n", NETWORK, eq("eventSource", EC2), nsw("eventName", "Describe")))
            .networkActivity(EC2);

    assertThat(c.level()).isEqualTo(Level.PARTIAL);
    assertThat(c.explanation()).contains("excludes eventName starting with Describe");
  }

  @Test
  void managementSelectorLogsNoNetworkActivity() {
    assertThat(evaluate(adv("m", MANAGEMENT)).networkActivity(EC2).level()).isEqualTo(Level.NONE);
    assertThat(evaluate(Sel.management("All")).networkActivity(EC2).level()).isEqualTo(Level.NONE);
  }
}
