package dev.keelson.governance.cost;

import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Recommended amounts rounded the way people write requests: whole millicores, whole MiB. */
final class Amounts {
  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);

  private Amounts() {
  }

  static String cpu(BigDecimal cores) {
    return Quantities.format(cores.setScale(3, RoundingMode.CEILING), Quantities.Format.DECIMAL_SI);
  }

  static String memory(BigDecimal bytes) {
    BigDecimal mib = bytes.divide(MIB, 0, RoundingMode.CEILING);
    return mib.toPlainString() + "Mi";
  }
}
