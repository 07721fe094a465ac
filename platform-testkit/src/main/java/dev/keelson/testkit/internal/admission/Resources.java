package dev.keelson.testkit.internal.admission;

import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resource lists ({@code name → quantity}) with the arithmetic of apimachinery's {@code Quantity} and
 * {@code quota.Add/Mask/...}: exact values, and the format of a sum taken from its first non-zero operand, so
 * printed quantities match what Kubernetes prints.
 */
final class Resources {

  /** A quantity: exact value in base units and the format family it prints in. */
  record Qty(BigDecimal value, Quantities.Format format) {

    static final Qty ZERO = new Qty(BigDecimal.ZERO, Quantities.Format.DECIMAL_SI);

    static Qty parse(String text) {
      return new Qty(Quantities.parse(text), Quantities.formatOf(text));
    }

    static Qty of(long count) {
      return new Qty(BigDecimal.valueOf(count), Quantities.Format.DECIMAL_SI);
    }

    /** {@code Quantity.Add}: a zero receiver takes the other operand's format. */
    Qty plus(Qty other) {
      return new Qty(value.add(other.value), value.signum() == 0 ? other.format : format);
    }

    Qty minus(Qty other) {
      return new Qty(value.subtract(other.value), format);
    }

    int compareTo(Qty other) {
      return value.compareTo(other.value);
    }

    boolean isZero() {
      return value.signum() == 0;
    }

    @Override
    public String toString() {
      return Quantities.format(value, format);
    }
  }

  private Resources() {
  }

  /** A JSON resource list (e.g. {@code resources.requests}); entries that are not valid quantities are skipped. */
  static TreeMap<String, Qty> read(JsonNode node) {
    TreeMap<String, Qty> out = new TreeMap<>();
    if (node != null && node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String text = e.getValue().isValueNode() ? e.getValue().asString() : "";
        if (Quantities.isValid(text)) {
          out.put(e.getKey(), Qty.parse(text));
        }
      }
    }
    return out;
  }

  static ObjectNode write(Map<String, Qty> list) {
    ObjectNode out = dev.keelson.testkit.internal.api.Json.object();
    new TreeMap<>(list).forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  /** {@code quota.Add}: the union, summing shared names. */
  static TreeMap<String, Qty> add(Map<String, Qty> a, Map<String, Qty> b) {
    TreeMap<String, Qty> out = new TreeMap<>(a);
    b.forEach((k, v) -> out.merge(k, v, Qty::plus));
    return out;
  }

  /** Adds {@code b} into {@code a} in place ({@code addResourceList}). */
  static void addInto(Map<String, Qty> a, Map<String, Qty> b) {
    b.forEach((k, v) -> a.merge(k, v, Qty::plus));
  }

  /** Keeps the larger value per name in {@code a} ({@code maxResourceList}). */
  static void maxInto(Map<String, Qty> a, Map<String, Qty> b) {
    b.forEach((k, v) -> {
      Qty cur = a.get(k);
      if (cur == null || v.compareTo(cur) > 0) {
        a.put(k, v);
      }
    });
  }

  /** {@code quota.SubtractWithNonNegativeResult}. */
  static TreeMap<String, Qty> subtractNonNegative(Map<String, Qty> a, Map<String, Qty> b) {
    TreeMap<String, Qty> out = new TreeMap<>();
    a.forEach((k, v) -> {
      Qty other = b.get(k);
      Qty r = other == null ? v : v.minus(other);
      out.put(k, r.value().signum() < 0 ? new Qty(BigDecimal.ZERO, v.format()) : r);
    });
    return out;
  }

  /** {@code quota.Mask}: only the given names. */
  static TreeMap<String, Qty> mask(Map<String, Qty> a, Collection<String> names) {
    TreeMap<String, Qty> out = new TreeMap<>();
    for (String n : names) {
      if (a.containsKey(n)) {
        out.put(n, a.get(n));
      }
    }
    return out;
  }

  static TreeMap<String, Qty> removeZeros(Map<String, Qty> a) {
    TreeMap<String, Qty> out = new TreeMap<>();
    a.forEach((k, v) -> {
      if (!v.isZero()) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** {@code name=quantity} pairs sorted by name, joined with {@code ,}. */
  static String pretty(Map<String, Qty> list) {
    StringJoiner j = new StringJoiner(",");
    new TreeMap<>(list).forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }
}
