package dev.keelson.testkit.internal.prom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times and durations as Prometheus' HTTP API reads its parameters ({@code time}, {@code start}, {@code end},
 * {@code step}), in Unix milliseconds.
 *
 * <pre>{@code
 * TimeParameters.time("1767225600.5");            // Optional[1767225600500]
 * TimeParameters.time("2026-01-01T00:00:00Z");    // Optional[1767225600000]
 * }</pre>
 */
public final class TimeParameters {

  private TimeParameters() {
  }

  /** Prometheus' {@code parseTime}: Unix seconds with decimals, or RFC 3339; empty when it is neither. */
  public static Optional<Long> time(String s) {
    Optional<Long> seconds = seconds(s);
    if (seconds.isPresent()) {
      return seconds;
    }
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Prometheus' {@code parseDuration}: seconds with decimals, or a duration such as {@code 30s}; else empty. */
  static Optional<Long> duration(String s) {
    Optional<Long> seconds = seconds(s);
    if (seconds.isPresent()) {
      return seconds;
    }
    return Durations.isDuration(s) ? Optional.of(Durations.parse(s, 0)) : Optional.empty();
  }

  /** Seconds with decimals, rounded to milliseconds. */
  private static Optional<Long> seconds(String s) {
    try {
      return Optional.of(new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
