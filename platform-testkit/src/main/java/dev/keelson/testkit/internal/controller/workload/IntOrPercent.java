package dev.keelson.testkit.internal.controller.workload;

import tools.jackson.databind.JsonNode;

/**
 * An {@code intstr.IntOrString} such as {@code maxSurge: 25%} or {@code maxUnavailable: 2}, scaled against a replica
 * count as {@code intstr.GetScaledValueFromIntOrPercent} does (percentages round up or down as asked).
 */
record IntOrPercent(int value, boolean percent) {

  static final IntOrPercent TWENTY_FIVE_PERCENT = new IntOrPercent(25, true);

  /** Parses an int or a {@code "N%"} string; null (absent) stays null. */
  static IntOrPercent parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isNumber()) {
      return new IntOrPercent(node.asInt(), false);
    }
    String s = node.asString("").trim();
    try {
      if (s.endsWith("%")) {
        return new IntOrPercent(Integer.parseInt(s.substring(0, s.length() - 1)), true);
      }
      return new IntOrPercent(Integer.parseInt(s), false);
    } catch (NumberFormatException e) {
      // Validation rejects these; treat as zero like an unset value.
      return new IntOrPercent(0, false);
    }
  }

  /** The absolute value for {@code total} replicas. */
  int scaled(int total, boolean roundUp) {
    if (!percent) {
      return value;
    }
    long product = (long) value * total;
    if (roundUp) {
      return (int) Math.ceil(product / 100.0);
    }
    return (int) Math.floor(product / 100.0);
  }
}
