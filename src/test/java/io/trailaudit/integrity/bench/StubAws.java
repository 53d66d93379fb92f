package io.trailaudit.integrity.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trailaudit.integrity.InMemoryStore;
import io.trailaudit.integrity.TestTrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Not a test: the smallest S3 and CloudTrail a validation needs, on the JDK's HTTP server, so that
 * the server's own CPU stays small beside the client's (WireMock matches every request against
 * every stub: with a thousand objects it took more CPU than the client). Every response is sent
 * after {@code latencyMs}, slept in the server's thread as a remote server's delay would be.
 *
 * <ul>
 *   <li>S3, path style: {@code GET /bucket/key} (the object, its metadata as {@code x-amz-meta-*},
 *       or 404 {@code NoSuchKey}), {@code GET /bucket?location}, {@code GET /bucket?prefix=…} with
 *       {@code marker} (ListObjects) or {@code list-type=2} and {@code start-after}
 *       (ListObjectsV2), one page.
 *   <li>CloudTrail: {@code POST /} with {@code X-Amz-Target: …ListPublicKeys}: {@link
 *       TestTrail#KEY} in PKCS#1 DER, base64 as the JSON protocol sends a blob.
 * </ul>
 *
 * <p>Both trailaudit's SDK client and the AWS CLI (botocore, {@code AWS_ENDPOINT_URL_S3}) can be
 * pointed at it.
 */
final class StubAws implements AutoCloseable {
  private record Stored(byte[] body, Map<String, String> metadata) {}

  /** Bucket/key to object, copied once: the server's reads take no lock. */
  private final NavigableMap<String, Stored> objects = new TreeMap<>();

  private final int latencyMs;
  private final HttpServer server;
  private final ExecutorService threads;

  /** Serves a copy of {@code buckets} of {@code store}. */
  StubAws(InMemoryStore store, List<String> buckets, int latencyMs) throws IOException {
    for (String b : buckets) {
      for (String k : store.keys(b)) {
        objects.put(b + "/" + k, new Stored(store.bytes(b, k), Map.copyOf(store.metadata(b, k))));
      }
    }
    this.latencyMs = latencyMs;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    this.threads = Executors.newCachedThreadPool();
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:port} (an IP address: botocore then addresses S3 path style). */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      try (InputStream in = x.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      if (latencyMs > 0) {
        try {
          Thread.sleep(latencyMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      String target = x.getRequestHeaders().getFirst("X-Amz-Target");
      if ("POST".equals(x.getRequestMethod()) && target != null) {
        cloudTrail(x, target);
        return;
      }
      URI uri = x.getRequestURI();
      String path = uri.getRawPath().substring(1);
      int slash = path.indexOf('/');
      String bucket = decode(slash < 0 ? path : path.substring(0, slash));
      String key = slash < 0 ? "" : decode(path.substring(slash + 1));
      Map<String, String> query = query(uri.getRawQuery());
      if (key.isEmpty() && query.containsKey("location")) {
        send(
            x,
            200,
            "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>");
      } else if (key.isEmpty()) {
        list(x, bucket, query);
      } else {
        object(x, bucket, key);
      }
    }
  }

  private void cloudTrail(HttpExchange x, String target) throws IOException {
    if (!target.endsWith(".ListPublicKeys")) {
      send(
          x,
          400,
          "application/x-amz-json-1.1",
          "{\"__type\":\"UnknownOperationException\",\"message\":\"" + target + "\"}");
      return;
    }
    String value = Base64.getEncoder().encodeToString(TestTrail.pkcs1(TestTrail.KEY));
    send(
        x,
        200,
        "application/x-amz-json-1.1",
        "{\"PublicKeyList\":[{\"Value\":\""
            + value
            + "\",\"ValidityStartTime\":1.7672256E9,\"ValidityEndTime\":1.7987616E9,"
            + "\"Fingerprint\":\""
            + TestTrail.fingerprint()
            + "\"}]}");
  }

  private void list(HttpExchange x, String bucket, Map<String, String> q) throws IOException {
    String prefix = q.getOrDefault("prefix", "");
    String after =
        q.getOrDefault("list-type", "1").equals("2") ? q.get("start-after") : q.get("marker");
    StringBuilder contents = new StringBuilder();
    boolean fromPrefix = after == null || after.compareTo(prefix) < 0;
    String from = bucket + "/" + (fromPrefix ? prefix : after);
    for (Map.Entry<String, Stored> e : objects.tailMap(from, fromPrefix).entrySet()) {
      String k = e.getKey().substring(bucket.length() + 1);
      if (!e.getKey().startsWith(bucket + "/" + prefix)) {
        break;
      }
      contents
          .append("<Contents><Key>")
          .append(k)
          .append("</Key><Size>")
          .append(e.getValue().body().length)
          .append("</Size></Contents>");
    }
    send(
        x,
        200,
        "application/xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult"
            + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>"
            + bucket
            + "</Name><Prefix>"
            + prefix
            + "</Prefix><IsTruncated>false</IsTruncated>"
            + contents
            + "</ListBucketResult>");
  }

  private void object(HttpExchange x, String bucket, String key) throws IOException {
    Stored o = objects.get(bucket + "/" + key);
    if (o == null) {
      send(
          x,
          404,
          "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
              + "<Message>The specified key does not exist.</Message></Error>");
      return;
    }
    o.metadata().forEach((k, v) -> x.getResponseHeaders().add("x-amz-meta-" + k, v));
    x.getResponseHeaders().add("Content-Type", "application/octet-stream");
    x.sendResponseHeaders(200, o.body().length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(o.body());
    }
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String p : raw.split("&")) {
      int eq = p.indexOf('=');
      q.put(decode(eq < 0 ? p : p.substring(0, eq)), eq < 0 ? "" : decode(p.substring(eq + 1)));
    }
    return q;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
