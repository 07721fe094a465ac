package dev.keelson.testkit.internal.prom;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' HTTP query API over a {@link SeriesSource}: {@code /api/v1/query} and {@code /api/v1/query_range}
 * by GET or form-encoded POST, plus {@code /-/ready} and {@code /-/healthy}. Evaluation time defaults to the
 * clock's now; errors answer {@code {"status":"error","errorType":...,"error":...}} with Prometheus' status codes.
 *
 * <pre>{@code
 * QueryApi api = new QueryApi(source, clock);
 * QueryApi.Response r = api.handle("GET", "/api/v1/query?query=up", null, "");
 * }</pre>
 */
public final class QueryApi {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  private static final String JSON = "application/json";

  /** An HTTP answer. */
  public record Response(int status, String contentType, String body) {
  }

  private final Evaluator evaluator;
  private final Clock clock;

  public QueryApi(SeriesSource source, Clock clock) {
    this.evaluator = new Evaluator(source);
    this.clock = clock;
  }

  /**
   * Answers one request.
   *
   * @param pathAndQuery the path below the Prometheus base URL, with its query string
   * @param contentType the request's Content-Type, or null
   * @param body the request body (form parameters for POST)
   */
  public Response handle(String method, String pathAndQuery, String contentType, String body) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    Map<String, String> params = new HashMap<>();
    // As Go's Request.FormValue: form body parameters take precedence over the URL's.
    if ("POST".equals(method) && contentType != null
        && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      parseForm(body == null ? "" : body, params);
    }
    if (q >= 0) {
      parseForm(pathAndQuery.substring(q + 1), params);
    }
    switch (path) {
      case "/-/ready":
        return new Response(200, "text/plain; charset=utf-8", "Prometheus Server is Ready.\n");
      case "/-/healthy":
        return new Response(200, "text/plain; charset=utf-8", "Prometheus Server is Healthy.\n");
      case "/api/v1/query":
      case "/api/v1/query_range":
        if (!method.equals("GET") && !method.equals("POST")) {
          return new Response(405, "text/plain; charset=utf-8", "Method Not Allowed\n");
        }
        try {
          return path.endsWith("range") ? queryRange(params) : query(params);
        } catch (PromQlException e) {
          LOG.debug("simulated Prometheus refused {}: {}", params.get("query"), e.getMessage());
          return new Response(e.httpStatus(), JSON, ResultJson.error(e));
        }
      default:
        return new Response(404, "text/plain; charset=utf-8", "404 page not found\n");
    }
  }

  private Response query(Map<String, String> params) {
    long t = params.containsKey("time") ? time(params, "time") : clock.millis();
    Expr expr = parse(params);
    return new Response(200, JSON, ResultJson.success(evaluator.instant(expr, t), t));
  }

  private Response queryRange(Map<String, String> params) {
    long start = time(params, "start");
    long end = time(params, "end");
    if (end < start) {
      throw PromQlException.badData("invalid parameter \"end\": end timestamp must not be before start time");
    }
    long step = step(params.getOrDefault("step", ""));
    Expr expr = parse(params);
    return new Response(200, JSON, ResultJson.success(evaluator.range(expr, start, end, step), end));
  }

  private static Expr parse(Map<String, String> params) {
    try {
      return Parser.parse(params.getOrDefault("query", ""));
    } catch (PromQlException e) {
      throw PromQlException.badData("invalid parameter \"query\": " + e.getMessage());
    }
  }

  /** Prometheus' {@code parseTime}: Unix seconds with decimals, or RFC 3339. */
  private static long time(Map<String, String> params, String name) {
    String s = params.getOrDefault(name, "");
    try {
      return new BigDecimal(s).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      try {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw PromQlException.badData("invalid parameter \"" + name + "\": cannot parse \"" + s
            + "\" to a valid timestamp");
      }
    }
  }

  /** Prometheus' {@code parseDuration}: seconds with decimals, or a duration such as {@code 30s}. */
  private static long step(String s) {
    long millis;
    try {
      millis = new BigDecimal(s).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      if (!Durations.isDuration(s)) {
        throw PromQlException.badData("invalid parameter \"step\": cannot parse \"" + s + "\" to a valid duration");
      }
      millis = Durations.parse(s, 0);
    }
    if (millis <= 0) {
      throw PromQlException.badData("invalid parameter \"step\": zero or negative query resolution step widths "
          + "are not accepted. Try a positive integer");
    }
    return millis;
  }

  private static void parseForm(String form, Map<String, String> into) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.putIfAbsent(k, v);
    }
  }
}
