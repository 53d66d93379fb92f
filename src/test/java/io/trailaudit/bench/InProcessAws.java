package io.trailaudit.bench;

import io.trailaudit.collect.AwsStubs;
import io.trailaudit.collect.FakeAws;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-process SDK HTTP client that answers as {@link FakeAws} does (same fixtures, same owner /
 * member split), each answer after a fixed delay in the calling thread, as a blocking socket read
 * would: WireMock is too slow a server for a hundred thousand calls on a 2-core machine. It records
 * when each call started and ended, and how many calls were in flight in total and per (access key,
 * region, service) lane, read from the signature's credential scope.
 */
final class InProcessAws implements SdkHttpClient {
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/]+)/\\d+/([^/]+)/([^/]+)/aws4_request");

  private final FakeAws.Estate estate;
  private final long latencyNanos;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private volatile int maxTotal;
  private volatile int maxLane;
  private final List<long[]> calls = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  InProcessAws(FakeAws.Estate estate, long latencyMillis) {
    this.estate = estate;
    this.latencyNanos = latencyMillis * 1_000_000;
  }

  /** Each call's start and end (System.nanoTime), in no particular order. */
  synchronized List<long[]> calls() {
    return List.copyOf(calls);
  }

  /** With {@code -Dbench.trace=true}: what each call of {@link #calls} was. */
  synchronized List<String> names() {
    return List.copyOf(names);
  }

  int maxInFlight() {
    return maxTotal;
  }

  int maxInFlightPerLane() {
    return maxLane;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return answer(request);
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "in-process-fake";
  }

  @Override
  public void close() {}

  private HttpExecuteResponse answer(HttpExecuteRequest request) {
    long start = System.nanoTime();
    SdkHttpRequest r = request.httpRequest();
    String auth = r.firstMatchingHeader("Authorization").orElse("");
    Matcher m = CREDENTIAL.matcher(auth);
    boolean signed = m.find();
    String key = signed ? m.group(1) : "";
    String lane = signed ? key + "|" + m.group(2) + "|" + m.group(3) : "";
    AtomicInteger laneCount = inFlight.computeIfAbsent(lane, k -> new AtomicInteger());
    int now = total.incrementAndGet();
    int inLane = laneCount.incrementAndGet();
    if (now > maxTotal) {
      maxTotal = now;
    }
    if (inLane > maxLane) {
      maxLane = inLane;
    }
    try {
      Response answer = route(r, read(request), key);
      long wait = latencyNanos - (System.nanoTime() - start);
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      return HttpExecuteResponse.builder()
          .response(
              SdkHttpResponse.builder()
                  .statusCode(answer.status())
                  .putHeader("Content-Type", answer.contentType())
                  .putHeader("x-amzn-RequestId", "b8e6f1a2-0000-4000-8000-000000000000")
                  .build())
          .responseBody(
              AbortableInputStream.create(
                  new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8))))
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted"));
    } finally {
      laneCount.decrementAndGet();
      total.decrementAndGet();
      long end = System.nanoTime();
      synchronized (this) {
        calls.add(new long[] {start, end});
        if (Boolean.getBoolean("bench.trace")) {
          names.add(
              r.firstMatchingHeader("X-Amz-Target")
                      .orElse(r.encodedPath() + r.rawQueryParameters().keySet())
                  + " "
                  + lane);
        }
      }
    }
  }

  private static String read(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return "";
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Response(int status, String contentType, String body) {}

  private Response route(SdkHttpRequest r, String body, String key) {
    boolean owner = key.equals(FakeAws.CALLER_KEY);
    String target = r.firstMatchingHeader("X-Amz-Target").orElse(null);
    if (target != null) {
      return json(target, body, owner);
    }
    String path = r.encodedPath();
    if (body.contains("Action=")) {
      return query(action(body), body, owner);
    }
    if (path.equals("/listRegions")) {
      return ok("application/json", regionsJson());
    }
    if (path.equals("/accounts")) {
      return ok("application/json", fixture("securityhub/describe-hub.json"));
    }
    if (path.equals("/standards/get")) {
      return ok("application/json", FakeAws.foundationalStandard(estate.management()));
    }
    if (path.equals("/v20180820/configuration/publicAccessBlock")) {
      return xml(fixture("s3control/get-public-access-block.xml"));
    }
    return s3(path, r.rawQueryParameters().keySet(), owner);
  }

  private Response json(String target, String body, boolean owner) {
    String op = target.substring(target.lastIndexOf('.') + 1);
    if (target.startsWith(FakeAws.CT)) {
      return switch (op) {
        case "DescribeTrails" -> json(fixture("cloudtrail/describe-trails-org.json"));
        case "ListEventDataStores" -> json("{\"EventDataStores\":[]}");
        case "GetTrailStatus" -> trail(owner, "cloudtrail/get-trail-status.json");
        case "GetEventSelectors" -> trail(owner, "cloudtrail/get-event-selectors-advanced.json");
        case "GetInsightSelectors" -> trail(owner, "cloudtrail/get-insight-selectors.json");
        case "GetEventConfiguration" -> trail(owner, "cloudtrail/get-event-configuration.json");
        case "LookupEvents" -> lookupEvents(body);
        case "ListTags" ->
            owner
                ? json(
                    "{\"ResourceTagList\":[{\"ResourceId\":\""
                        + estate.trailArn()
                        + "\",\"TagsList\":[{\"Key\":\"owner\",\"Value\":\"security\"}]}]}")
                : trail(false, null);
        default -> unknown(op);
      };
    }
    if (target.startsWith(FakeAws.ORGS)) {
      return switch (op) {
        case "DescribeOrganization" -> json(fixture("organizations/DescribeOrganization.json"));
        case "ListRoots" -> json(fixture("organizations/ListRoots.json"));
        case "ListOrganizationalUnitsForParent" ->
            json(fixture("organizations/ListOrganizationalUnitsForParent-empty.json"));
        case "ListAccountsForParent" ->
            json(bodies.computeIfAbsent("accounts", k -> FakeAws.accountsJson(estate)));
        case "ListPolicies" ->
            json(
                "{\"Policies\":[{\"Arn\":\"arn:aws:organizations::"
                    + estate.management()
                    + ":policy/o-exampleorgid/service_control_policy/p-protecttrail\","
                    + "\"AwsManaged\":false,\"Id\":\"p-protecttrail\",\"Name\":"
                    + "\"ProtectCloudTrail\",\"Type\":\"SERVICE_CONTROL_POLICY\"}]}");
        case "DescribePolicy" -> json(fixture("organizations/DescribePolicy-protect.json"));
        case "ListTargetsForPolicy" ->
            json(
                "{\"Targets\":[{\"Arn\":\"arn:aws:organizations::"
                    + estate.management()
                    + ":root/o-exampleorgid/r-examplerootid111\",\"Name\":\"Root\","
                    + "\"TargetId\":\"r-examplerootid111\",\"Type\":\"ROOT\"}]}");
        default -> unknown(op);
      };
    }
    if (target.startsWith(FakeAws.KMS) && owner) {
      return switch (op) {
        case "DescribeKey" -> json(fixture("kms/describe-key.json"));
        case "GetKeyRotationStatus" -> json(fixture("kms/get-key-rotation-status.json"));
        case "GetKeyPolicy" -> json(fixture("kms/get-key-policy.json"));
        default -> unknown(op);
      };
    }
    if (target.startsWith(FakeAws.LOGS) && owner && body.contains("aws-cloudtrail-logs")) {
      return json(fixture("logs/describe-metric-filters-trail.json"));
    }
    if (target.startsWith(FakeAws.CONFIG)) {
      return switch (op) {
        case "DescribeConfigurationRecorders" ->
            json(fixture("config/describe-configuration-recorders.json"));
        case "DescribeConfigurationRecorderStatus" ->
            json(fixture("config/describe-configuration-recorder-status.json"));
        case "DescribeConfigRules" ->
            json(
                bodies.computeIfAbsent(
                    "configRules", k -> FakeAws.configRules(estate.management())));
        case "DescribeRemediationConfigurations" ->
            json(fixture("config/describe-remediation-configurations.json"));
        default -> unknown(op);
      };
    }
    if (target.startsWith(FakeAws.GLUE) && op.equals("GetDatabases")) {
      return json(fixture("glue/get-databases-none.json"));
    }
    return unknown(op);
  }

  private Response query(String action, String body, boolean owner) {
    switch (action) {
      case "GetCallerIdentity":
        return xml(fixture("sts/get-caller-identity.xml"));
      case "AssumeRole":
        String account = between(URLDecoder.decode(body, StandardCharsets.UTF_8), "iam::", ":role");
        return xml(
            AwsStubs.body("sts/assume-role.xml")
                .replace("222222222222", account)
                .replace("ASIAIOSFODNN7EXAMPLE", FakeAws.key(account)));
      default:
        break;
    }
    if (!owner) {
      return unknown(action);
    }
    return switch (action) {
      case "DescribeAlarmsForMetric" ->
          xml(fixture("cloudwatch/describe-alarms-for-metric-root.xml"));
      case "GetTopicAttributes" -> xml(fixture("sns/get-topic-attributes.xml"));
      case "ListSubscriptionsByTopic" -> xml(fixture("sns/list-subscriptions-by-topic-page2.xml"));
      default -> unknown(action);
    };
  }

  private Response s3(String path, Set<String> query, boolean owner) {
    if (!owner || !path.equals("/" + estate.bucket())) {
      return s3Error(403, "AccessDenied", "Access Denied");
    }
    if (query.contains("list-type")) {
      return xml(fixture("s3/list-objects-v2-top-level.xml"));
    }
    String sub = query.stream().findFirst().orElse("");
    return switch (sub) {
      case "location" -> xml(fixture("s3/get-bucket-location-us-east-1.xml"));
      case "policy" -> ok("application/json", fixture("s3/get-bucket-policy.json"));
      case "policyStatus" -> xml(fixture("s3/get-bucket-policy-status.xml"));
      case "acl" -> xml(fixture("s3/get-bucket-acl.xml"));
      case "publicAccessBlock" -> xml(fixture("s3/get-public-access-block.xml"));
      case "versioning" -> xml(fixture("s3/get-bucket-versioning.xml"));
      case "object-lock" ->
          s3Error(
              404,
              "ObjectLockConfigurationNotFoundError",
              "Object Lock configuration does not exist for this bucket");
      case "logging" -> xml(fixture("s3/get-bucket-logging.xml"));
      case "encryption" -> xml(fixture("s3/get-bucket-encryption.xml"));
      default -> s3Error(404, "NoSuchConfiguration", "not in the fake: " + sub);
    };
  }

  /**
   * Event history: StopLogging has two pages (events of another trail, then a failed attempt),
   * every other name none.
   */
  private Response lookupEvents(String body) {
    if (!body.contains("\"AttributeValue\":\"StopLogging\"")) {
      return json(fixture("cloudtrail/lookup-events-empty.json"));
    }
    return json(
        fixture(
            body.contains("\"NextToken\"")
                ? "cloudtrail/lookup-events-stop-logging-page2.json"
                : "cloudtrail/lookup-events-stop-logging-page1.json"));
  }

  private Response trail(boolean owner, String fixture) {
    return owner && fixture != null
        ? json(fixture(fixture))
        : new Response(
            400,
            "application/x-amz-json-1.1",
            "{\"__type\":\"TrailNotFoundException\",\"message\":\"Unknown trail: "
                + estate.trailArn()
                + " for the user\"}");
  }

  private static Response unknown(String op) {
    return new Response(
        400,
        "application/x-amz-json-1.1",
        "{\"__type\":\"AccessDeniedException\",\"message\":\"not in the fake: " + op + "\"}");
  }

  private static Response json(String body) {
    return ok("application/x-amz-json-1.1", body);
  }

  private static Response xml(String body) {
    return ok("text/xml", body);
  }

  private static Response ok(String type, String body) {
    return new Response(200, type, body);
  }

  private static Response s3Error(int status, String code, String message) {
    return new Response(
        status,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>");
  }

  private static String action(String body) {
    return between("&" + body + "&", "&Action=", "&");
  }

  private static String between(String s, String from, String to) {
    int a = s.indexOf(from);
    if (a < 0) {
      return "";
    }
    a += from.length();
    int b = s.indexOf(to, a);
    return b < 0 ? s.substring(a) : s.substring(a, b);
  }

  private String fixture(String path) {
    return bodies.computeIfAbsent(
        path, p -> AwsStubs.body(p).replace("111111111111", estate.management()));
  }

  private String regionsJson() {
    return bodies.computeIfAbsent(
        "regions",
        k ->
            estate.regions().stream()
                .map(
                    r ->
                        "{\"RegionName\":\"" + r + "\",\"RegionOptStatus\":\"ENABLED_BY_DEFAULT\"}")
                .collect(Collectors.joining(",", "{\"Regions\":[", "]}")));
  }
}
