package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;

/**
 * Formats durations of whole milliseconds of a second or more the way Go's {@code time.Duration.String()} does:
 * {@code 10s}, {@code 12.5s}, {@code 1m20s}, {@code 5m0s}.
 */
public final class GoDuration {

  private GoDuration() {
  }

  public static String format(Duration d) {
    long s = d.toSeconds();
    if (s == 0 && d.toMillis() == 0) {
      return "0s";
    }
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long millis = d.toMillisPart();
    String sec = (s % 60) + (millis == 0 ? "" : "." + String.format(java.util.Locale.ROOT, "%03d", millis).replaceAll("0+$", "")) + "s";
    if (h > 0) {
      return h + "h" + m + "m" + sec;
    }
    if (m > 0) {
      return m + "m" + sec;
    }
    return sec;
  }
}
