package dev.keelson.governance.quota;

import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;

/** Quota amounts shown the way Kubernetes writes them: memory in binary units, the rest in decimal ones. */
final class Amounts {
  private Amounts() {
  }

  static String display(String resource, BigDecimal value) {
    boolean bytes = resource.contains("memory") || resource.contains("storage");
    return Quantities.format(value, bytes ? Quantities.Format.BINARY_SI : Quantities.Format.DECIMAL_SI);
  }
}
