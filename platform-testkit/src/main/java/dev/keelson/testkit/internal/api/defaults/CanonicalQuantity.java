package dev.keelson.testkit.internal.api.defaults;

import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The text a real API server stores for a quantity it decoded: {@code resource.ParseQuantity} then
 * {@code Quantity.MarshalJSON}. Parsing and the canonical rendering are platform-core's {@link Quantities}; this adds
 * the two places where the stored text is not simply {@code Quantities.canonical}:
 *
 * <ul>
 *   <li>{@code ParseQuantity} keeps the text as sent when its int64 fast path sees digits that already look
 *       canonical ("if the number is in canonical form, reuse the string", {@code kubernetes/apimachinery —
 *       pkg/api/resource/quantity.go}), so {@code "100Mi"} and also {@code "+1"} or {@code "1.500"} are stored as
 *       sent, while {@code "0.5"} becomes {@code "500m"} and {@code "1024Mi"} becomes {@code "1Gi"};</li>
 *   <li>in a {@code ResourceList} (requests, limits, quota, capacity...) {@code SetDefaults_ResourceList} rounds up to
 *       milli units ({@code kubernetes/kubernetes — pkg/apis/core/v1/defaults.go}), so {@code "100u"} is stored as
 *       {@code "1m"}.</li>
 * </ul>
 *
 * <p>Example: {@code CanonicalQuantity.of("0.5", true)} is {@code "500m"}.
 */
final class CanonicalQuantity {

  private static final int MAX_INT64_FACTORS = 18;

  private CanonicalQuantity() {
  }

  /**
   * The stored text of {@code text}.
   *
   * @param milli whether the quantity is a value of a {@code ResourceList}, rounded up to milli units
   * @throws IllegalArgumentException with apimachinery's message when {@code text} is not a quantity
   */
  static String of(String text, boolean milli) {
    String problem = Quantities.validate(text).stream().findFirst().orElse(null);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    BigDecimal value = Quantities.parse(text);
    Quantities.Format format = Quantities.formatOf(text);
    if (milli && value.stripTrailingZeros().scale() > 3) {
      // Quantity.RoundUp(-3) drops the cached text and rounds away from zero.
      return Quantities.format(value.setScale(3, RoundingMode.UP), format);
    }
    return keptAsSent(text) ? text : Quantities.format(value, format);
  }

  /** {@code ParseQuantity}'s test for reusing the text: the fast path applies and the digits look canonical. */
  static boolean keptAsSent(String text) {
    if (text.equals("0")) {
      return true;
    }
    int pos = 0;
    if (text.charAt(0) == '+' || text.charAt(0) == '-') {
      pos++;
    }
    while (pos < text.length() && text.charAt(pos) == '0') {
      pos++;
    }
    int numStart = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    String num = text.substring(numStart, pos);
    if (num.isEmpty()) {
      num = "0";
    }
    String denom = "";
    if (pos < text.length() && text.charAt(pos) == '.') {
      int denomStart = ++pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      denom = text.substring(denomStart, pos);
    }
    String suffix = text.substring(pos);
    Integer binaryExponent = binaryExponent(suffix);
    String shifted = num + denom;
    if (binaryExponent != null) {
      // Binary suffixes take the fast path only without a fraction and while the value fits.
      int precision = 15 - num.length() - (int) ((float) binaryExponent * 3 / 10) - 1;
      return denom.isEmpty() && precision >= 0 && (Long.parseLong(num) & 0x07) != 0;
    }
    Integer exponent = decimalExponent(suffix);
    if (exponent == null || MAX_INT64_FACTORS - (num.length() + denom.length()) < 0) {
      return false;
    }
    int scale = exponent - denom.length();
    // At most 18 digits: the int64 the fast path parses them into never overflows.
    return scale >= -9 && Math.floorMod(scale, 3) == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
  }

  private static Integer binaryExponent(String suffix) {
    return switch (suffix) {
      case "Ki" -> 10;
      case "Mi" -> 20;
      case "Gi" -> 30;
      case "Ti" -> 40;
      case "Pi" -> 50;
      case "Ei" -> 60;
      default -> null;
    };
  }

  private static Integer decimalExponent(String suffix) {
    switch (suffix) {
      case "": return 0;
      case "n": return -9;
      case "u": return -6;
      case "m": return -3;
      case "k": return 3;
      case "M": return 6;
      case "G": return 9;
      case "T": return 12;
      case "P": return 15;
      case "E": return 18;
      default: break;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        return Integer.parseInt(suffix.substring(1).replace("+", ""));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
