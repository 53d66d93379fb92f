package io.trailaudit.checks.dataevents;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.Resource;
import io.trailaudit.checks.TrailCandidates;
import io.trailaudit.checks.TrailIndex;
import io.trailaudit.checks.TrailView;
import io.trailaudit.config.AuditConfig;
import io.trailaudit.model.AccountSnapshot;
import io.trailaudit.model.Snapshot;
import io.trailaudit.selectors.Coverage;
import io.trailaudit.selectors.ReadWrite;
import io.trailaudit.selectors.SelectorEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Check 6: a logging multi-region trail records S3 object reads and writes for every bucket (or the
 * configured ones), Lambda invocations and DynamoDB item events. Decided by the selector evaluator:
 * a selector narrowed by readOnly, eventName or resources.ARN covers only what it names.
 */
public final class DataEventsCheck implements Check {
  public static final String ID = "data-events";
  static final String S3_BUCKETS = "dataEvents.s3Buckets";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> requirementIds() {
    return Requirement.ids();
  }

  @Override
  public List<Finding> evaluate(Snapshot snapshot, AuditConfig config) {
    FindingFactory f = new FindingFactory(info());
    TrailIndex index = TrailIndex.of(snapshot);
    List<String> buckets = parameters(config).strings(S3_BUCKETS);
    String scope = buckets.isEmpty() ? "all buckets" : "buckets " + String.join(", ", buckets);
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot account : snapshot.accounts()) {
      TrailCandidates c = TrailCandidates.of(account, index.visibleFrom(account), true);
      Resource where = Resource.account(account.accountId());
      out.add(
          decide(
              f,
              Requirement.S3_WRITE,
              "S3 object-level write events for " + scope,
              where,
              c,
              e -> e.s3Objects(ReadWrite.WRITE, buckets)));
      out.add(
          decide(
              f,
              Requirement.S3_READ,
              "S3 object-level read events for " + scope,
              where,
              c,
              e -> e.s3Objects(ReadWrite.READ, buckets)));
      out.add(
          decide(
              f,
              Requirement.LAMBDA,
              "Lambda invocations of all functions",
              where,
              c,
              SelectorEvaluator::lambdaInvocations));
      out.add(
          decide(
              f,
              Requirement.DYNAMODB,
              "DynamoDB item reads and writes on all tables",
              where,
              c,
              SelectorEvaluator::dynamoDbItems));
    }
    return out;
  }

  private Finding decide(
      FindingFactory f,
      Requirement req,
      String what,
      Resource where,
      TrailCandidates c,
      Function<SelectorEvaluator, Coverage> question) {
    List<String> shortfalls = new ArrayList<>();
    for (TrailView t : c.usable()) {
      Coverage cov = question.apply(TrailCandidates.evaluator(t));
      if (cov.full()) {
        return f.pass(req, where, what + " are logged by multi-region trail " + t.label());
      }
      shortfalls.add(t.name() + ": " + cov.explanation());
    }
    if (!c.uncertain().isEmpty()) {
      return f.error(
          req,
          where,
          "cannot tell whether " + what + " are logged: " + String.join("; ", c.uncertain()));
    }
    String detail =
        shortfalls.isEmpty()
            ? "no logging multi-region trail is visible from account " + where.account()
            : String.join("; ", shortfalls);
    return f.fail(req, where, what + " are not logged: " + detail, c.remediationArgs());
  }
}
