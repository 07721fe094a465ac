package dev.keelson.core.metrics;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of Prometheus' HTTP query API ({@code /api/v1/query}, {@code /api/v1/query_range}), for Prometheus itself
 * or anything that serves the same API under a base URL (Thanos, Mimir, the testkit's simulated cluster). Queries
 * are sent as form-encoded POSTs, so long PromQL never meets URL length limits. An answer of 502, 503 or 504 is
 * tried once more (a proxy or a Prometheus that is starting), except Prometheus' own query timeout, which the same
 * query would only run into again; every other failure surfaces at once as a {@link MetricsException}.
 *
 * <pre>{@code
 * PrometheusClient prometheus = PrometheusClient.builder(URI.create("https://prometheus.example.com"))
 *     .bearerToken(System.getenv("PROMETHEUS_TOKEN"))
 *     .timeout(Duration.ofSeconds(10))
 *     .build();
 * QueryResult.Vector up = prometheus.query("up{job=\"api\"}", Instant.now()).asVector();
 * }</pre>
 *
 * <p>The bearer token and header values never appear in {@link #toString()} or in logs.
 */
public final class PrometheusClient implements MetricsProvider {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusClient.class);
  private static final Set<Integer> RETRIED = Set.of(502, 503, 504);
  private static final Duration RETRY_DELAY = Duration.ofMillis(200);

  private final URI baseUri;
  private final Map<String, String> headers;
  private final boolean bearer;
  private final Duration timeout;
  private final HttpClient http;

  private PrometheusClient(Builder b) {
    this.baseUri = b.baseUri;
    this.headers = Map.copyOf(b.headers);
    this.bearer = b.headers.containsKey("Authorization");
    this.timeout = b.timeout;
    this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build();
  }

  /** A client of the Prometheus at {@code baseUri} with the default timeout (30 s) and no credentials. */
  public static PrometheusClient of(URI baseUri) {
    return builder(baseUri).build();
  }

  /** Options of a client of the Prometheus at {@code baseUri} (e.g. {@code http://prometheus:9090}). */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  /**
   * Options of a {@link PrometheusClient}.
   *
   * <pre>{@code
   * PrometheusClient.builder(uri).header("X-Scope-OrgID", "shop").timeout(Duration.ofSeconds(5)).build();
   * }</pre>
   */
  public static final class Builder {
    private final URI baseUri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private HttpClient http;

    private Builder(URI baseUri) {
      Objects.requireNonNull(baseUri, "baseUri");
      if (baseUri.getScheme() == null || !Set.of("http", "https").contains(baseUri.getScheme())
          || baseUri.getHost() == null) {
        throw new IllegalArgumentException("the Prometheus base URI must be an absolute http(s) URI, got " + baseUri);
      }
      if (baseUri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("the Prometheus base URI must not carry credentials; use bearerToken() or "
            + "header(\"Authorization\", ...) instead");
      }
      if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
        throw new IllegalArgumentException("the Prometheus base URI must not have a query or fragment, got "
            + baseUri);
      }
      String s = baseUri.toString();
      this.baseUri = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Sends {@code Authorization: Bearer <token>} with every query. */
    public Builder bearerToken(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("the bearer token must not be empty");
      }
      return header("Authorization", "Bearer " + token.strip());
    }

    /** Sends a header with every query, e.g. a tenant header; checked by the JDK's HTTP client at once. */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      // The JDK refuses restricted headers (Host, Content-Length, ...) here rather than at the first query.
      HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
      headers.put(name, value);
      return this;
    }

    /** How long one query may take, connection included (30 s unless set). */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive, got " + value);
      }
      this.timeout = value;
      return this;
    }

    /** The JDK HTTP client to send queries with (TLS settings, proxy, executor); a new one unless set. */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    public PrometheusClient build() {
      return new PrometheusClient(this);
    }
  }

  @Override
  public QueryResult query(String promql, Instant time) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(time, "time");
    return post("/api/v1/query", promql, Map.of("time", seconds(time.toEpochMilli())),
        "query \"" + promql + "\" at " + time);
  }

  @Override
  public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(step, "step");
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("the step must be positive, got " + step);
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("start", seconds(start.toEpochMilli()));
    params.put("end", seconds(end.toEpochMilli()));
    params.put("step", seconds(step.toMillis()));
    return post("/api/v1/query_range", promql, params,
        "range query \"" + promql + "\" from " + start + " to " + end + " every " + step);
  }

  /** The base URI queries go to. */
  public URI baseUri() {
    return baseUri;
  }

  private QueryResult post(String path, String promql, Map<String, String> params, String what) {
    StringBuilder form = new StringBuilder("query=").append(encode(promql));
    params.forEach((k, v) -> form.append('&').append(k).append('=').append(encode(v)));
    form.append("&timeout=").append(encode(timeout.toMillis() + "ms"));
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    headers.forEach(request::header);
    String described = what + " on " + baseUri;
    HttpResponse<String> response = send(request.build(), described);
    if (RETRIED.contains(response.statusCode()) && !PrometheusResponses.isQueryTimeout(response.body())) {
      LOG.debug("{} answered HTTP {}; trying once more", described, response.statusCode());
      pause();
      response = send(request.build(), described);
    }
    LOG.debug("{}: HTTP {}", described, response.statusCode());
    return PrometheusResponses.read(response.statusCode(), response.body(), described);
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw new MetricsException(MetricsException.CONNECTION, what + " timed out after " + timeout, 0, e);
    } catch (IOException e) {
      throw new MetricsException(MetricsException.CONNECTION, what + " failed: " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetricsException(MetricsException.CONNECTION, what + " was interrupted", 0, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_DELAY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Seconds with millisecond decimals, as Prometheus reads {@code time}, {@code start}, {@code end}, {@code step}. */
  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Names the headers sent but never their values: they often carry credentials. */
  @Override
  public String toString() {
    return "PrometheusClient{baseUri=" + baseUri + ", timeout=" + timeout
        + (bearer ? ", authorization=****" : "") + ", headers=" + headers.keySet() + "}";
  }
}
