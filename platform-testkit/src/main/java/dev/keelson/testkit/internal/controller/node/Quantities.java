package dev.keelson.testkit.internal.controller.node;

import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1.5}, {@code 128Mi}, {@code 1e3}, {@code 2G}) as numbers:
 * CPU in millicores and everything else in whole units, rounded up as {@code resource.Quantity} does. Parsing
 * is platform-core's {@link dev.keelson.core.validation.Quantities}.
 */
final class Quantities {

  private Quantities() {
  }

  /** The exact value of a quantity string (core's upstream-faithful parser); IllegalArgumentException when bad. */
  static BigDecimal parse(String text) {
    return dev.keelson.core.validation.Quantities.parse(text.trim());
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
