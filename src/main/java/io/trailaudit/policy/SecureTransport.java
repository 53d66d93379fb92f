package io.trailaudit.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Question 2: does a bucket policy deny every request made without TLS. */
final class SecureTransport {
  private static final String SECURE_TRANSPORT = "aws:SecureTransport";

  private SecureTransport() {}

  static SecureTransportResult evaluate(PolicyDocument doc, String bucketName) {
    String bucketArn = "arn:aws:s3:::" + bucketName;
    String objectPrefix = bucketArn + "/";
    List<StatementRef> qualifying = new ArrayList<>();
    List<NearMiss> nearMisses = new ArrayList<>();
    boolean coversBucket = false;
    boolean coversObjects = false;
    for (StatementRef ref : doc.statementRefs()) {
      Statement s = ref.statement();
      if (s.effect() != Effect.DENY) {
        continue;
      }
      if (!s.appliesToResource(bucketArn) && !s.appliesToSomeResourceWithPrefix(objectPrefix)) {
        continue; // about another bucket
      }
      List<Condition> insecure =
          s.conditions().stream().filter(SecureTransport::isInsecure).toList();
      if (insecure.isEmpty()) {
        notAboutInsecureTransport(s).ifPresent(r -> nearMisses.add(new NearMiss(ref, r)));
        continue;
      }
      boolean bucket = s.coversResource(bucketArn);
      boolean objects = s.coversAllResourcesWithPrefix(objectPrefix);
      List<String> problems = new ArrayList<>();
      if (!s.appliesToEveryPrincipal()) {
        problems.add(principalProblem(s));
      }
      if (!s.appliesToAllActionsMatching("s3:*")) {
        problems.add("covers only some S3 actions (" + s.describeActions() + ")");
      }
      s.conditions().stream()
          .filter(c -> !insecure.contains(c))
          .forEach(
              c ->
                  problems.add(
                      "also requires "
                          + c.describe()
                          + ", so it denies only some insecure requests"));
      if (!bucket && !objects) {
        problems.add(
            "covers neither the bucket nor all of its objects (" + s.describeResources() + ")");
      }
      if (problems.isEmpty()) {
        qualifying.add(ref);
        coversBucket |= bucket;
        coversObjects |= objects;
      } else {
        nearMisses.add(new NearMiss(ref, String.join("; ", problems)));
      }
    }
    return new SecureTransportResult(
        bucketName, qualifying, coversBucket, coversObjects, nearMisses);
  }

  /** {@code Bool} or {@code BoolIfExists} {@code aws:SecureTransport} with value false. */
  private static boolean isInsecure(Condition c) {
    return c.keyIs(SECURE_TRANSPORT)
        && c.operatorIs("Bool")
        && c.qualifier() == Condition.Qualifier.NONE
        && c.values().stream().anyMatch(v -> v.equalsIgnoreCase("false"));
  }

  private static Optional<String> notAboutInsecureTransport(Statement s) {
    for (Condition c : s.conditions()) {
      if (c.keyIs(SECURE_TRANSPORT)) {
        return Optional.of(
            "its condition " + c.describe() + " is not Bool aws:SecureTransport = false");
      }
      if (c.keyIs("s3:TlsVersion")) {
        return Optional.of(
            "its condition "
                + c.describe()
                + " limits the TLS version; it does not deny"
                + " requests without TLS (that needs Bool aws:SecureTransport = false)");
      }
    }
    return Optional.empty();
  }

  private static String principalProblem(Statement s) {
    return switch (s.principalScope()) {
      case EVERYONE_EXCEPT -> "exempts NotPrincipal " + s.notPrincipal().describeEach();
      case NOBODY -> "NotPrincipal \"*\" exempts every principal";
      case LISTED -> "applies only to " + s.principal().describeEach();
      default -> "has no Principal, so it does not apply to every principal";
    };
  }
}
