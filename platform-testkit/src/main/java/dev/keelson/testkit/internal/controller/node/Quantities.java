package dev.keelson.testkit.internal.controller.node;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1.5}, {@code 128Mi}, {@code 1e3}, {@code 2G}) as numbers:
 * CPU in millicores and everything else in whole units, rounded up as {@code resource.Quantity} does.
 */
final class Quantities {

  private static final Pattern FORMAT = Pattern.compile("^([+-]?[0-9]*\\.?[0-9]+)([eE][+-]?[0-9]+)?([a-zA-Z]*)$");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")),
      Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")),
      Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")),
      Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")),
      Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {
  }

  /** The exact value of a quantity string; {@link IllegalArgumentException} when malformed. */
  static BigDecimal parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    BigDecimal unit = m.matches() ? SUFFIXES.get(m.group(3)) : null;
    if (unit == null) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + text);
    }
    BigDecimal value = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      value = value.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)));
    }
    return value.multiply(unit);
  }

  /** Millicores (or milli-units) of a quantity node (string or number); 0 when absent. */
  static long milli(JsonNode quantity) {
    BigDecimal v = value(quantity);
    return v == null ? 0 : v.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** Whole units (bytes for memory, a count for pods) of a quantity node; 0 when absent. */
  static long units(JsonNode quantity) {
    BigDecimal v = value(quantity);
    return v == null ? 0 : v.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static BigDecimal value(JsonNode quantity) {
    if (quantity == null || quantity.isNull() || quantity.isMissingNode()) {
      return null;
    }
    if (quantity.isNumber()) {
      return quantity.decimalValue();
    }
    return parse(quantity.asString());
  }
}
