package io.trailaudit.checks.dataevents;

import static io.trailaudit.checks.FindingFactory.message;

import io.trailaudit.checks.Check;
import io.trailaudit.checks.Finding;
import io.trailaudit.checks.FindingFactory;
import io.trailaudit.checks.FindingFactory.Message;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Map<String, String> scope = Map.of("buckets", String.join(", ", buckets));
    Message scopeMessage = message(buckets.isEmpty() ? "all-buckets" : "buckets");
    List<Finding> out = new ArrayList<>();
    for (AccountSnapshot account : snapshot.accounts()) {
      TrailCandidates c = TrailCandidates.of(account, index.visibleFrom(account), true);
      Resource where = Resource.account(account.accountId());
      out.add(
          decide(
              f,
              Requirement.S3_WRITE,
              Map.of("scope", f.text(Requirement.S3_WRITE, scopeMessage, scope)),
              where,
              c,
              e -> e.s3Objects(ReadWrite.WRITE, buckets)));
      out.add(
          decide(
              f,
              Requirement.S3_READ,
              Map.of("scope", f.text(Requirement.S3_READ, scopeMessage, scope)),
              where,
              c,
              e -> e.s3Objects(ReadWrite.READ, buckets)));
      out.add(
          decide(f, Requirement.LAMBDA, Map.of(), where, c, SelectorEvaluator::lambdaInvocations));
      out.add(
          decide(f, Requirement.DYNAMODB, Map.of(), where, c, SelectorEvaluator::dynamoDbItems));
    }
    return out;
  }

  private Finding decide(
      FindingFactory f,
      Requirement req,
      Map<String, String> whatValues,
      Resource where,
      TrailCandidates c,
      Function<SelectorEvaluator, Coverage> question) {
    Map<String, String> values = new HashMap<>(c.remediationArgs());
    values.put("what", f.text(req, message("what"), whatValues));
    values.put("account", where.account());
    List<String> shortfalls = new ArrayList<>();
    for (TrailView t : c.usable()) {
      Coverage cov = question.apply(TrailCandidates.evaluator(t));
      if (cov.full()) {
        values.put("trailLabel", t.label());
        return f.pass(req, where, message("pass"), values);
      }
      shortfalls.add(
          f.text(
              req,
              message("shortfall"),
              Map.of(
                  "trail",
                  String.valueOf(t.name()),
                  "explanation",
                  String.valueOf(cov.explanation()))));
    }
    if (!c.uncertain().isEmpty()) {
      values.put("uncertain", String.join("; ", c.uncertain()));
      return f.error(req, where, message("unknown"), values);
    }
    values.put(
        "detail",
        shortfalls.isEmpty()
            ? f.text(req, message("no-trail"), values)
            : String.join("; ", shortfalls));
    return f.fail(req, where, message("fail"), values);
  }
}
