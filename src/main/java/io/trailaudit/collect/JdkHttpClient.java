package io.trailaudit.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client over {@code java.net.http}: the URL-connection client cannot send {@code
 * PATCH}, which Security Hub's BatchUpdateFindings is. Used by the export's clients only; the audit
 * keeps the faster-starting URL-connection client.
 */
final class JdkHttpClient implements SdkHttpClient {
  /** Headers java.net.http sets itself and refuses from the caller. */
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final HttpClient http;
  private final Duration timeout;

  JdkHttpClient(Duration connectTimeout, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.timeout = timeout;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    SdkHttpRequest r = request.httpRequest();
    HttpRequest.Builder b = HttpRequest.newBuilder(r.getUri()).timeout(timeout);
    for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
        h.getValue().forEach(v -> b.header(h.getKey(), v));
      }
    }
    HttpRequest.BodyPublisher body =
        request.contentStreamProvider().isPresent()
            ? HttpRequest.BodyPublishers.ofByteArray(bytes(request))
            : HttpRequest.BodyPublishers.noBody();
    HttpRequest built = b.method(r.method().name(), body).build();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          HttpResponse<InputStream> response =
              http.send(built, HttpResponse.BodyHandlers.ofInputStream());
          SdkHttpResponse.Builder sdk = SdkHttpResponse.builder().statusCode(response.statusCode());
          response.headers().map().forEach(sdk::putHeader);
          return HttpExecuteResponse.builder()
              .response(sdk.build())
              .responseBody(AbortableInputStream.create(response.body()))
              .build();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }

      @Override
      public void abort() {}
    };
  }

  private static byte[] bytes(HttpExecuteRequest request) {
    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String clientName() {
    return "JdkHttp";
  }

  @Override
  public void close() {}
}
