package dev.keelson.testkit.internal.prom;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' HTTP API over a {@link SeriesSource}: {@code /api/v1/query} and {@code /api/v1/query_range}, the
 * metadata endpoints {@code /api/v1/series}, {@code /api/v1/labels} and {@code /api/v1/label/<name>/values}
 * ({@link MetadataApi}), {@code /api/v1/status/buildinfo}, {@code /-/ready} and {@code /-/healthy}, by the methods
 * Prometheus 2.42 routes. Evaluation time defaults to the clock's now; errors answer
 * {@code {"status":"error","errorType":...,"error":...}} with Prometheus' status codes and wording.
 *
 * <pre>{@code
 * QueryApi api = new QueryApi(source, clock);
 * QueryApi.Response r = api.handle("GET", "/api/v1/query", Map.of("query", List.of("up")));
 * }</pre>
 */
public final class QueryApi {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String LABEL_PREFIX = "/api/v1/label/";
  private static final String LABEL_SUFFIX = "/values";
  /** The build the simulation answers to: the Prometheus its behaviour is checked against. */
  private static final Map<String, String> BUILD_INFO = buildInfo();

  /** An HTTP answer. */
  public record Response(int status, String contentType, String body) {
  }

  private final Evaluator evaluator;
  private final MetadataApi metadata;
  private final Clock clock;

  public QueryApi(SeriesSource source, Clock clock) {
    this.evaluator = new Evaluator(source);
    this.metadata = new MetadataApi(source);
    this.clock = clock;
  }

  /**
   * The endpoint a path below the Prometheus base URL names: {@code query}, {@code query_range}, {@code series},
   * {@code labels}, {@code label_values}, {@code buildinfo}, {@code ready} or {@code healthy}; empty for a path
   * Prometheus does not serve.
   */
  public static String endpoint(String path) {
    return switch (path) {
      case "/api/v1/query" -> "query";
      case "/api/v1/query_range" -> "query_range";
      case "/api/v1/series" -> "series";
      case "/api/v1/labels" -> "labels";
      case "/api/v1/status/buildinfo" -> "buildinfo";
      case "/-/ready" -> "ready";
      case "/-/healthy" -> "healthy";
      default -> labelName(path) != null ? "label_values" : "";
    };
  }

  /**
   * Answers one request.
   *
   * @param path the path below the Prometheus base URL, without its query string
   * @param params the request's parameters, form body first, then the URL's, as Go's {@code Request.Form}
   */
  public Response handle(String method, String path, Map<String, List<String>> params) {
    String endpoint = endpoint(path);
    if (endpoint.isEmpty()) {
      return new Response(404, TEXT, "404 page not found\n");
    }
    if (endpoint.equals("series") && method.equals("DELETE")) {
      return new Response(500, JSON, ResultJson.error("internal", "not implemented"));
    }
    if (!allows(endpoint, method)) {
      return new Response(405, TEXT, "Method Not Allowed\n");
    }
    try {
      return switch (endpoint) {
        case "ready" -> new Response(200, TEXT, "Prometheus Server is Ready.\n");
        case "healthy" -> new Response(200, TEXT, "Prometheus Server is Healthy.\n");
        case "query" -> query(params);
        case "query_range" -> queryRange(params);
        case "series" -> ok(metadata.series(params));
        case "labels" -> ok(metadata.labels(params));
        case "label_values" -> ok(metadata.labelValues(labelName(path), params));
        default -> ok(ResultJson.object(BUILD_INFO));
      };
    } catch (PromQlException e) {
      LOG.debug("simulated Prometheus refused {} {}: {}", endpoint, params, e.getMessage());
      return new Response(e.httpStatus(), JSON, ResultJson.error(e));
    }
  }

  /** The methods Prometheus 2.42 routes to each endpoint. */
  private static boolean allows(String endpoint, String method) {
    return switch (endpoint) {
      case "query", "query_range", "series", "labels" -> method.equals("GET") || method.equals("POST");
      case "label_values", "buildinfo" -> method.equals("GET");
      default -> true;
    };
  }

  /** The label of a {@code /api/v1/label/<name>/values} path, or null for another path. */
  private static String labelName(String path) {
    if (path.startsWith(LABEL_PREFIX) && path.endsWith(LABEL_SUFFIX)
        && path.length() >= LABEL_PREFIX.length() + LABEL_SUFFIX.length()) {
      String name = path.substring(LABEL_PREFIX.length(), path.length() - LABEL_SUFFIX.length());
      return name.contains("/") ? null : name;
    }
    return null;
  }

  private static Response ok(String json) {
    return new Response(200, JSON, json);
  }

  private Response query(Map<String, List<String>> params) {
    long t = timeParam(params, "time", clock.millis());
    Expr expr = parse(params);
    return ok(ResultJson.success(evaluator.instant(expr, t), t));
  }

  private Response queryRange(Map<String, List<String>> params) {
    long start = time(params, "start");
    long end = time(params, "end");
    if (end < start) {
      throw PromQlException.badData("invalid parameter \"end\": end timestamp must not be before start time");
    }
    long step = step(formValue(params, "step"));
    Expr expr = parse(params);
    return ok(ResultJson.success(evaluator.range(expr, start, end, step), end));
  }

  private static Expr parse(Map<String, List<String>> params) {
    try {
      return Parser.parse(formValue(params, "query"));
    } catch (PromQlException e) {
      throw PromQlException.badData("invalid parameter \"query\": " + e.getMessage());
    }
  }

  /** Go's {@code Request.FormValue}: the first value of a parameter, or the empty string. */
  static String formValue(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  /** Prometheus' {@code parseTimeParam}: a time, or {@code absent} when the parameter is missing or empty. */
  static long timeParam(Map<String, List<String>> params, String name, long absent) {
    String s = formValue(params, name);
    if (s.isEmpty()) {
      return absent;
    }
    return TimeParameters.time(s).orElseThrow(() -> PromQlException.badData("invalid parameter \"" + name
        + "\": Invalid time value for '" + name + "': cannot parse \"" + s + "\" to a valid timestamp"));
  }

  /** Prometheus' {@code parseTime}, for a parameter that must be there. */
  private static long time(Map<String, List<String>> params, String name) {
    String s = formValue(params, name);
    return TimeParameters.time(s).orElseThrow(() -> PromQlException.badData("invalid parameter \"" + name
        + "\": cannot parse \"" + s + "\" to a valid timestamp"));
  }

  /** Prometheus' {@code parseDuration}, and the range API's check that the step is positive. */
  private static long step(String s) {
    long millis = TimeParameters.duration(s).orElseThrow(() -> PromQlException.badData(
        "invalid parameter \"step\": cannot parse \"" + s + "\" to a valid duration"));
    if (millis <= 0) {
      throw PromQlException.badData("invalid parameter \"step\": zero or negative query resolution step widths "
          + "are not accepted. Try a positive integer");
    }
    return millis;
  }

  private static Map<String, String> buildInfo() {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("version", "2.42.0");
    info.put("revision", "keelson-simulated");
    info.put("branch", "keelson");
    info.put("buildUser", "keelson");
    info.put("buildDate", "");
    info.put("goVersion", "");
    return info;
  }
}
