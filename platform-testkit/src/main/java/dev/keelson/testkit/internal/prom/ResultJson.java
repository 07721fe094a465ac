package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.prom.Value.Matrix;
import dev.keelson.testkit.internal.prom.Value.Point;
import dev.keelson.testkit.internal.prom.Value.Sample;
import dev.keelson.testkit.internal.prom.Value.Scalar;
import dev.keelson.testkit.internal.prom.Value.Series;
import dev.keelson.testkit.internal.prom.Value.Text;
import dev.keelson.testkit.internal.prom.Value.Vector;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Query results in the JSON of Prometheus' HTTP API, byte for byte where it matters to clients: timestamps as Unix
 * seconds with millisecond decimals ({@code 1767225600.5}), values as strings in Go's shortest {@code 'f'} format
 * ({@code "0.05"}, {@code "NaN"}, {@code "+Inf"}).
 */
public final class ResultJson {

  private static final String SUCCESS = "{\"status\":\"success\",\"data\":";

  private ResultJson() {
  }

  static String success(Value value, long t) {
    StringBuilder s = new StringBuilder(SUCCESS).append("{\"resultType\":\"");
    if (value instanceof Scalar sc) {
      s.append("scalar\",\"result\":");
      point(s, t, number(sc.value()));
    } else if (value instanceof Text text) {
      s.append("string\",\"result\":");
      point(s, t, text.value());
    } else if (value instanceof Vector v) {
      s.append("vector\",\"result\":[");
      for (int i = 0; i < v.samples().size(); i++) {
        Sample sample = v.samples().get(i);
        s.append(i == 0 ? "" : ",").append("{\"metric\":");
        metric(s, sample.labels());
        s.append(",\"value\":");
        point(s, t, number(sample.value()));
        s.append('}');
      }
      s.append(']');
    } else {
      s.append("matrix\",\"result\":[");
      Matrix m = (Matrix) value;
      for (int i = 0; i < m.series().size(); i++) {
        Series series = m.series().get(i);
        s.append(i == 0 ? "" : ",").append("{\"metric\":");
        metric(s, series.labels());
        s.append(",\"values\":[");
        for (int j = 0; j < series.points().size(); j++) {
          Point p = series.points().get(j);
          s.append(j == 0 ? "" : ",");
          point(s, p.t(), number(p.v()));
        }
        s.append("]}");
      }
      s.append(']');
    }
    return s.append("}}").toString();
  }

  /** The series endpoint's answer: each series' labels, {@code __name__} included. */
  static String labelSets(Collection<Labels> series) {
    return array(series, ResultJson::metric);
  }

  /** The label endpoints' answer: names or values. */
  static String strings(Collection<String> values) {
    return array(values, (s, v) -> s.append(quote(v)));
  }

  private static <T> String array(Collection<T> items, BiConsumer<StringBuilder, T> write) {
    StringBuilder s = new StringBuilder(SUCCESS).append('[');
    boolean first = true;
    for (T item : items) {
      s.append(first ? "" : ",");
      write.accept(s, item);
      first = false;
    }
    return s.append("]}").toString();
  }

  /** An object of string fields in the given order, e.g. the build information. */
  static String object(Map<String, String> fields) {
    StringBuilder s = new StringBuilder(SUCCESS);
    fields(s, fields);
    return s.append('}').toString();
  }

  static String error(PromQlException e) {
    return error(e.errorType(), e.getMessage());
  }

  /** Prometheus' error answer: {@code {"status":"error","errorType":"timeout","error":"query timed out ..."}}. */
  public static String error(String errorType, String message) {
    return "{\"status\":\"error\",\"errorType\":" + quote(errorType) + ",\"error\":" + quote(message) + "}";
  }

  private static void metric(StringBuilder s, Labels labels) {
    fields(s, labels.asMap());
  }

  private static void fields(StringBuilder s, Map<String, String> fields) {
    s.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : fields.entrySet()) {
      s.append(first ? "" : ",").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
      first = false;
    }
    s.append('}');
  }

  private static void point(StringBuilder s, long t, String value) {
    s.append('[').append(timestamp(t)).append(',').append(quote(value)).append(']');
  }

  /** Prometheus' {@code jsonutil.MarshalTimestamp}: seconds, and milliseconds as three decimals when not zero. */
  static String timestamp(long millis) {
    StringBuilder s = new StringBuilder();
    long t = millis;
    if (t < 0) {
      s.append('-');
      t = -t;
    }
    s.append(t / 1000);
    long fraction = t % 1000;
    if (fraction != 0) {
      s.append('.').append(String.format("%03d", fraction));
    }
    return s.toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}, with Prometheus' spelling of the special values. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  private static String quote(String s) {
    return Json.MAPPER.writeValueAsString(s);
  }
}
