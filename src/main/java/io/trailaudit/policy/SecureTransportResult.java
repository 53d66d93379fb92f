package io.trailaudit.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a bucket policy denies requests that do not use TLS. {@code statements} are the Deny
 * statements that qualify (every principal, every S3 action, only the condition {@code Bool
 * aws:SecureTransport false}); together they must cover the bucket ARN and every object ARN. {@code
 * nearMisses} are Deny statements about transport security that do not qualify, and why.
 */
public record SecureTransportResult(
    String bucketName,
    List<StatementRef> statements,
    boolean coversBucket,
    boolean coversObjects,
    List<NearMiss> nearMisses) {

  public SecureTransportResult {
    statements = List.copyOf(statements);
    nearMisses = List.copyOf(nearMisses);
  }

  public boolean satisfied() {
    return coversBucket && coversObjects;
  }

  /** One sentence for a finding: what holds, or what is missing. */
  public String explanation() {
    String bucketArn = "arn:aws:s3:::" + bucketName;
    String base;
    if (satisfied()) {
      base = labels(statements) + " deny requests without TLS to " + bucketArn + " and its objects";
    } else if (statements.isEmpty()) {
      base =
          "no Deny statement for every principal and every S3 action on the bucket with"
              + " condition Bool aws:SecureTransport = false";
    } else if (coversObjects) {
      base =
          "the insecure-transport Deny ("
              + labels(statements)
              + ") covers only the objects ("
              + bucketArn
              + "/*), not the bucket "
              + bucketArn;
    } else {
      base =
          "the insecure-transport Deny ("
              + labels(statements)
              + ") covers only the bucket "
              + bucketArn
              + ", not its objects ("
              + bucketArn
              + "/*)";
    }
    if (satisfied() || nearMisses.isEmpty()) {
      return base;
    }
    return base
        + "; not counted: "
        + nearMisses.stream().map(NearMiss::describe).collect(Collectors.joining("; "));
  }

  private static String labels(List<StatementRef> refs) {
    return refs.stream().map(StatementRef::label).collect(Collectors.joining(", "));
  }
}
