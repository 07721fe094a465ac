package dev.keelson.testkit;

import dev.keelson.testkit.internal.http.ApiDispatcher;
import dev.keelson.testkit.internal.prom.TimeParameters;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the simulated cluster received: a call to its Kubernetes API, or to its Prometheus API at
 * {@link SimulatedCluster#prometheusUrl()} ({@link #isPrometheus()}), whose PromQL is {@link #query()}.
 *
 * <pre>{@code
 * List<ApiCall> asked = cluster.requests().prometheusQueries();
 * assertThat(asked).extracting(ApiCall::query).containsExactly("sum(rate(http_requests_total[5m]))");
 * assertThat(asked.get(0).instant("time")).hasValue(cluster.clock().instant());
 * }</pre>
 *
 * @param verb Kubernetes verb: {@code get}, {@code list}, {@code watch}, {@code create}, {@code update},
 *     {@code patch}, {@code delete}, {@code deletecollection}, or {@code discovery}; for the Prometheus API the
 *     endpoint: {@code query}, {@code query_range}, {@code series}, {@code labels}, {@code label_values},
 *     {@code buildinfo}, {@code ready}, {@code healthy}; empty for a path neither serves
 * @param method HTTP method
 * @param path request path with query
 * @param resource resource plural, e.g. {@code deployments}, or empty; the resource metrics API's are
 *     {@code pods.metrics.k8s.io} and {@code nodes.metrics.k8s.io}
 * @param namespace namespace, or empty
 * @param name object name, or empty
 * @param subresource subresource, or empty
 * @param status HTTP status answered, or 0 when no answer was given ({@link Fault#noAnswer()})
 * @param bodyDigest first 16 hex digits of the body's SHA-256, or empty without a body
 * @param parameters the request's parameters, each with all its values in order: the URL's query, and for a
 *     Prometheus request the form body's (first, as Prometheus reads them)
 */
public record ApiCall(String verb, String method, String path, String resource, String namespace, String name,
    String subresource, int status, String bodyDigest, Map<String, List<String>> parameters) {

  public ApiCall {
    Objects.requireNonNull(parameters, "parameters");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    parameters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    parameters = Collections.unmodifiableMap(copy);
  }

  /** A call without parameters. */
  public ApiCall(String verb, String method, String path, String resource, String namespace, String name,
      String subresource, int status, String bodyDigest) {
    this(verb, method, path, resource, namespace, name, subresource, status, bodyDigest, Map.of());
  }

  /** True for verbs that change state; a dry run ({@code dryRun=All}) changes nothing and is not a write. */
  public boolean isWrite() {
    if (isDryRun()) {
      return false;
    }
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }

  /** True for a request with {@code dryRun=All}: validated and admitted, never stored. */
  public boolean isDryRun() {
    return path.contains("dryRun=All");
  }

  /** True for a request to the simulated Prometheus ({@link SimulatedCluster#prometheusUrl()}); never a write. */
  public boolean isPrometheus() {
    return ApiDispatcher.isPrometheus(path);
  }

  /** The PromQL of a Prometheus query or range query (its {@code query} parameter), else empty. */
  public String query() {
    return isPrometheus() ? parameter("query").orElse("") : "";
  }

  /** The first value of a parameter, e.g. {@code parameter("step")}: the one Prometheus and Kubernetes read. */
  public Optional<String> parameter(String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a repeated parameter, e.g. {@code parameters("match[]")}; empty when absent. */
  public List<String> parameters(String name) {
    return parameters.getOrDefault(name, List.of());
  }

  /**
   * A time parameter ({@code time}, {@code start}, {@code end}) read as Prometheus reads it: Unix seconds with
   * decimals, or RFC 3339. Empty when absent or not a time.
   */
  public Optional<Instant> instant(String name) {
    return parameter(name).flatMap(TimeParameters::time).map(Instant::ofEpochMilli);
  }

  @Override
  public String toString() {
    String query = query();
    return method + " " + path + (query.isEmpty() || path.contains("query=") ? "" : " query=" + query) + " -> "
        + status;
  }
}
