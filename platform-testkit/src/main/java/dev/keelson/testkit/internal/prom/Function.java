package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The PromQL functions the simulated Prometheus evaluates, with their argument and return types. */
enum Function {
  RATE(Type.VECTOR, Type.MATRIX),
  IRATE(Type.VECTOR, Type.MATRIX),
  INCREASE(Type.VECTOR, Type.MATRIX),
  DELTA(Type.VECTOR, Type.MATRIX),
  AVG_OVER_TIME(Type.VECTOR, Type.MATRIX),
  MIN_OVER_TIME(Type.VECTOR, Type.MATRIX),
  MAX_OVER_TIME(Type.VECTOR, Type.MATRIX),
  SUM_OVER_TIME(Type.VECTOR, Type.MATRIX),
  COUNT_OVER_TIME(Type.VECTOR, Type.MATRIX),
  LAST_OVER_TIME(Type.VECTOR, Type.MATRIX),
  QUANTILE_OVER_TIME(Type.VECTOR, Type.SCALAR, Type.MATRIX),
  HISTOGRAM_QUANTILE(Type.VECTOR, Type.SCALAR, Type.VECTOR),
  ABS(Type.VECTOR, Type.VECTOR),
  CEIL(Type.VECTOR, Type.VECTOR),
  FLOOR(Type.VECTOR, Type.VECTOR),
  CLAMP_MIN(Type.VECTOR, Type.VECTOR, Type.SCALAR),
  CLAMP_MAX(Type.VECTOR, Type.VECTOR, Type.SCALAR),
  VECTOR(Type.VECTOR, Type.SCALAR),
  SCALAR(Type.SCALAR, Type.VECTOR),
  TIME(Type.SCALAR);

  /** Functions real Prometheus has that the simulation does not evaluate: named in the error, not "unknown". */
  private static final Set<String> NOT_SIMULATED = Set.of("absent", "absent_over_time", "changes", "clamp",
      "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deriv", "exp", "hour", "idelta", "label_join",
      "label_replace", "ln", "log10", "log2", "minute", "month", "predict_linear", "present_over_time", "resets",
      "round", "sgn", "sort", "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "timestamp", "year",
      "holt_winters", "acos", "asin", "atan", "cos", "sin", "tan", "deg", "rad", "pi", "histogram_count",
      "histogram_sum", "histogram_fraction", "histogram_stddev", "histogram_stdvar");

  private final Type returns;
  private final List<Type> args;

  Function(Type returns, Type... args) {
    this.returns = returns;
    this.args = List.of(args);
  }

  String promName() {
    return name().toLowerCase(Locale.ROOT);
  }

  Type returns() {
    return returns;
  }

  List<Type> args() {
    return args;
  }

  static Optional<Function> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.promName().equals(name)).findFirst();
  }

  static boolean isPrometheusFunction(String name) {
    return NOT_SIMULATED.contains(name);
  }

  static String supportedNames() {
    return String.join(", ", Arrays.stream(values()).map(Function::promName).toList());
  }
}
