package dev.keelson.governance.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What capacity costs: a price per CPU core-hour and per GiB-hour of memory, in whatever currency the caller uses.
 *
 * <pre>{@code
 * PriceBook prices = PriceBook.of("0.031611", "0.004237");   // per core-hour, per GiB-hour
 * }</pre>
 *
 * @param cpuCoreHour price of one CPU core for one hour
 * @param memoryGibHour price of one GiB of memory for one hour
 */
public record PriceBook(BigDecimal cpuCoreHour, BigDecimal memoryGibHour) {

  public PriceBook {
    Objects.requireNonNull(cpuCoreHour, "cpuCoreHour");
    Objects.requireNonNull(memoryGibHour, "memoryGibHour");
    if (cpuCoreHour.signum() < 0 || memoryGibHour.signum() < 0) {
      throw new IllegalArgumentException("prices must not be negative, got " + cpuCoreHour + " and "
          + memoryGibHour);
    }
  }

  public static PriceBook of(String cpuCoreHour, String memoryGibHour) {
    return new PriceBook(new BigDecimal(cpuCoreHour), new BigDecimal(memoryGibHour));
  }

  /** The cost of the given core-hours and GiB-hours. */
  public BigDecimal cost(double coreHours, double gibHours) {
    return cpuCoreHour.multiply(BigDecimal.valueOf(coreHours)).add(memoryGibHour.multiply(BigDecimal.valueOf(
        gibHours)));
  }
}
