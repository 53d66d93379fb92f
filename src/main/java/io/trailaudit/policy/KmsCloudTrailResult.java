package io.trailaudit.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a KMS key policy lets CloudTrail use the key. {@code cloudTrailStatements} are the Allow
 * statements that let {@code cloudtrail.amazonaws.com} call {@code kms:GenerateDataKey}; {@code
 * unconditionedCloudTrailStatements} are those among them without a source condition
 * (aws:SourceArn, aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn); {@code
 * publicDecryptStatements} allow {@code kms:Decrypt} to everyone without a restricting condition.
 */
public record KmsCloudTrailResult(
    List<StatementRef> cloudTrailStatements,
    List<StatementRef> unconditionedCloudTrailStatements,
    List<StatementRef> publicDecryptStatements) {

  public KmsCloudTrailResult {
    cloudTrailStatements = List.copyOf(cloudTrailStatements);
    unconditionedCloudTrailStatements = List.copyOf(unconditionedCloudTrailStatements);
    publicDecryptStatements = List.copyOf(publicDecryptStatements);
  }

  public boolean cloudTrailCanEncrypt() {
    return !cloudTrailStatements.isEmpty();
  }

  /** CloudTrail may encrypt, and only for source-scoped requests. */
  public boolean cloudTrailScoped() {
    return cloudTrailCanEncrypt() && unconditionedCloudTrailStatements.isEmpty();
  }

  public boolean satisfied() {
    return cloudTrailScoped() && publicDecryptStatements.isEmpty();
  }

  public String explanation() {
    if (satisfied()) {
      return "CloudTrail may encrypt with the key only for scoped sources ("
          + labels(cloudTrailStatements)
          + ") and no one outside may decrypt";
    }
    StringBuilder sb = new StringBuilder();
    if (!cloudTrailCanEncrypt()) {
      sb.append("no Allow statement lets cloudtrail.amazonaws.com call kms:GenerateDataKey");
    } else if (!unconditionedCloudTrailStatements.isEmpty()) {
      sb.append(labels(unconditionedCloudTrailStatements))
          .append(" let CloudTrail use the key without a condition on aws:SourceArn,")
          .append(" aws:SourceAccount or kms:EncryptionContext:aws:cloudtrail:arn");
    }
    if (!publicDecryptStatements.isEmpty()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(labels(publicDecryptStatements))
          .append(" allow kms:Decrypt to every principal without a restricting condition");
    }
    return sb.toString();
  }

  private static String labels(List<StatementRef> refs) {
    return refs.stream().map(StatementRef::label).collect(Collectors.joining(", "));
  }
}
