package dev.keelson.testkit.assertions;

import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.RequestLog;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on what the simulated cluster's APIs were asked to do. */
public final class RequestLogAssert extends AbstractAssert<RequestLogAssert, RequestLog> {

  RequestLogAssert(RequestLog actual) {
    super(actual, RequestLogAssert.class);
  }

  /** No create, update, patch or delete reached the API server. */
  public RequestLogAssert hasNoWrites() {
    List<ApiCall> writes = actual.writes();
    if (!writes.isEmpty()) {
      failWithMessage("Expected no writes, but the API server received %s: %s", writes.size(), writes);
    }
    return this;
  }

  public RequestLogAssert hasWrites(int expected) {
    List<ApiCall> writes = actual.writes();
    if (writes.size() != expected) {
      failWithMessage("Expected %s writes, but the API server received %s: %s", expected, writes.size(), writes);
    }
    return this;
  }

  /** The number of requests with this verb on this resource, e.g. {@code hasCalls("get", "deployments", 0)}. */
  public RequestLogAssert hasCalls(String verb, String resource, long expected) {
    long count = actual.count(verb, resource);
    if (count != expected) {
      failWithMessage("Expected %s %s requests on %s, but there were %s", expected, verb, resource, count);
    }
    return this;
  }

  /**
   * Exactly these PromQL queries (instant or range) were put to the simulated Prometheus, in this order, e.g. the
   * ones a release analysis runs at each step.
   */
  public RequestLogAssert hasPrometheusQueries(String... promql) {
    List<String> asked = actual.prometheusQueries().stream().map(ApiCall::query).toList();
    if (!asked.equals(Arrays.asList(promql))) {
      String indent = System.lineSeparator() + "  ";
      failWithMessage("Expected the Prometheus queries%n  %s%nbut Prometheus was asked%n  %s",
          String.join(indent, promql), asked.isEmpty() ? "nothing" : String.join(indent, asked));
    }
    return this;
  }
}
