package io.trailaudit.checks.logbucket;

import io.trailaudit.policy.ObjectDeletionResult;
import io.trailaudit.policy.PolicyDocument;
import io.trailaudit.policy.PolicyQuestions;
import io.trailaudit.policy.PublicAllow;
import io.trailaudit.policy.SecureTransportResult;
import io.trailaudit.policy.StatementRef;
import io.trailaudit.policy.WideExemption;
import java.util.List;
import java.util.Optional;

/** A parsed bucket policy and the answers {@code log-bucket} needs from it, worded for findings. */
record BucketPolicy(String bucket, PolicyDocument document) {

  static BucketPolicy parse(String bucket, String json) {
    return new BucketPolicy(bucket, PolicyDocument.parse(json));
  }

  /** The public Allow statements, each described. */
  List<String> publicAllows() {
    return PolicyQuestions.publicAllows(document).stream().map(PublicAllow::describe).toList();
  }

  /** Allow statements to * that only a caller-pinning condition keeps private, as labels. */
  List<String> pinnedByCondition() {
    return PolicyQuestions.allowsPinnedByCondition(document).stream()
        .map(StatementRef::label)
        .toList();
  }

  /** Empty when every request without TLS is denied; else what is missing. */
  Optional<String> insecureTransportGap() {
    SecureTransportResult r = PolicyQuestions.deniesInsecureTransport(document, bucket);
    return r.satisfied() ? Optional.empty() : Optional.of(r.explanation());
  }

  /**
   * The answer to "is log deletion denied to all but {@code breakGlass}": the policy package's
   * explanation and, when it is not denied and no break-glass principals are configured, the
   * exempted principal patterns that may be the break-glass ones.
   */
  record Deletion(boolean denied, String explanation, List<String> unlistedExemptions) {}

  Deletion deletion(List<String> breakGlass) {
    ObjectDeletionResult r = PolicyQuestions.deniesObjectDeletion(document, bucket, breakGlass);
    List<String> unlisted =
        r.satisfied() || !breakGlass.isEmpty()
            ? List.of()
            : r.widerExemptions().stream().map(WideExemption::pattern).distinct().toList();
    return new Deletion(r.satisfied(), r.explanation(), unlisted);
  }
}
