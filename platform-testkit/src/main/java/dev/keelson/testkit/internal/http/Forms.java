package dev.keelson.testkit.internal.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * URL-encoded parameters, a URL's query or a form body, read as Go's {@code url.Values}: every name with all its
 * values in the order they came, so that repeated parameters such as Prometheus' {@code match[]} keep each value.
 */
final class Forms {

  private static final Set<String> FORM_METHODS = Set.of("POST", "PUT", "PATCH");

  private Forms() {
  }

  /** Adds the parameters of {@code encoded} ({@code a=1&b=2&a=3}) to {@code into}, after any already there. */
  static void parse(String encoded, Map<String, List<String>> into) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  /**
   * A request's parameters as Go's {@code Request.Form} has them: a form body's first (for POST, PUT and PATCH with
   * {@code application/x-www-form-urlencoded}), then the URL query's.
   */
  static Map<String, List<String>> ofRequest(String method, String contentType, String body, String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (FORM_METHODS.contains(method) && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      parse(body, out);
    }
    parse(query, out);
    return out;
  }

  /** The parameters of a path's query string ({@code /x?a=1}), none without one. */
  static Map<String, List<String>> ofQuery(String pathAndQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    int q = pathAndQuery.indexOf('?');
    if (q >= 0) {
      parse(pathAndQuery.substring(q + 1), out);
    }
    return out;
  }

  /** Percent-decoding as Go's {@code QueryUnescape}; text it cannot decode is kept as it came. */
  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }
}
