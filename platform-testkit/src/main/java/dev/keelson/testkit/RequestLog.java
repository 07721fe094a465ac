package dev.keelson.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Every request the simulated cluster received, in order: its Kubernetes API's and its Prometheus API's. Use it to
 * assert what a piece of platform logic did, e.g. that a second apply wrote nothing, or which PromQL an analysis
 * asked:
 *
 * <pre>{@code
 * cluster.requests().clear();
 * applier.apply(plan);
 * assertThat(cluster.requests().writes()).isEmpty();
 * assertThat(cluster.requests().prometheusQueries()).extracting(ApiCall::query).containsExactly(ERROR_RATIO);
 * }</pre>
 */
public final class RequestLog {

  private final List<ApiCall> calls = new CopyOnWriteArrayList<>();

  /** Records one call; used by the simulated API server. */
  public void record(ApiCall call) {
    calls.add(call);
  }

  public List<ApiCall> all() {
    return List.copyOf(calls);
  }

  /** Calls that change state: create, update, patch, delete, deletecollection. */
  public List<ApiCall> writes() {
    return matching(ApiCall::isWrite);
  }

  /** Instant and range queries put to the simulated Prometheus ({@code query}, {@code query_range}), in order. */
  public List<ApiCall> prometheusQueries() {
    return matching(c -> c.isPrometheus() && (c.verb().equals("query") || c.verb().equals("query_range")));
  }

  public List<ApiCall> matching(Predicate<ApiCall> filter) {
    List<ApiCall> out = new ArrayList<>();
    for (ApiCall c : calls) {
      if (filter.test(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Calls with the given verb and resource plural, e.g. {@code count("get", "deployments")}. */
  public long count(String verb, String resource) {
    return calls.stream().filter(c -> c.verb().equals(verb) && c.resource().equals(resource)).count();
  }

  public void clear() {
    calls.clear();
  }

  public int size() {
    return calls.size();
  }
}
