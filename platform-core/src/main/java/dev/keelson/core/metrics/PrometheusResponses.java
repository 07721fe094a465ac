package dev.keelson.core.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON of Prometheus' query API into {@link QueryResult}s and {@link MetricsException}s. */
final class PrometheusResponses {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private PrometheusResponses() {
  }

  /**
   * Whether the body is Prometheus' own error for a query that ran out of time ({@code errorType: timeout}):
   * asking again would only load a struggling Prometheus with the same expensive query.
   */
  static boolean isQueryTimeout(String body) {
    try {
      JsonNode root = MAPPER.readTree(body);
      return root != null && root.isObject() && "timeout".equals(root.path("errorType").asString(""));
    } catch (JacksonException e) {
      return false;
    }
  }

  /**
   * The result of a response, or the error it carries.
   *
   * @param what names the request in messages, e.g. {@code query "up" at http://prometheus:9090}
   */
  static QueryResult read(int status, String body, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null || !root.isObject() || !root.has("status")) {
      if (status >= 300) {
        throw new MetricsException(MetricsException.HTTP, what + " answered HTTP " + status + ": " + excerpt(body),
            status, null);
      }
      throw new MetricsException(MetricsException.INVALID_RESPONSE, what + " answered with something other than a "
          + "Prometheus API response: " + excerpt(body), status, null);
    }
    if (!"success".equals(root.path("status").asString(""))) {
      throw new MetricsException(root.path("errorType").asString("unknown"), root.path("error").asString(
          "no error message") + " (" + what + ")", status, null);
    }
    try {
      return result(root.path("data"));
    } catch (RuntimeException e) {
      throw new MetricsException(MetricsException.INVALID_RESPONSE, what + " answered a result that could not be "
          + "read: " + e.getMessage(), status, e);
    }
  }

  private static QueryResult result(JsonNode data) {
    String type = data.path("resultType").asString("");
    JsonNode result = data.path("result");
    switch (type) {
      case "vector": {
        List<Sample> samples = new ArrayList<>();
        for (JsonNode s : result) {
          if (s.has("value")) {
            JsonNode v = s.get("value");
            samples.add(new Sample(labels(s.path("metric")), time(v.get(0)), number(v.get(1))));
          }
        }
        return new QueryResult.Vector(samples);
      }
      case "matrix": {
        List<Series> series = new ArrayList<>();
        for (JsonNode s : result) {
          List<Point> points = new ArrayList<>();
          for (JsonNode v : s.path("values")) {
            points.add(new Point(time(v.get(0)), number(v.get(1))));
          }
          series.add(new Series(labels(s.path("metric")), points));
        }
        return new QueryResult.Matrix(series);
      }
      case "scalar":
        return new QueryResult.Scalar(time(result.get(0)), number(result.get(1)));
      case "string":
        return new QueryResult.Text(time(result.get(0)), result.get(1).asString());
      default:
        throw new IllegalArgumentException("unknown resultType \"" + type + "\"");
    }
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : metric.properties()) {
      labels.put(e.getKey(), e.getValue().asString());
    }
    return labels;
  }

  /** Unix seconds with millisecond decimals, as Prometheus writes timestamps (parsed as a double, so rounded). */
  private static Instant time(JsonNode t) {
    BigDecimal seconds = t.decimalValue();
    return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  /** Values come as strings, with Go's spelling of the special values. */
  private static double number(JsonNode v) {
    String s = v.asString();
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static String excerpt(String body) {
    String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine.isEmpty() ? "(empty body)" : oneLine;
  }
}
