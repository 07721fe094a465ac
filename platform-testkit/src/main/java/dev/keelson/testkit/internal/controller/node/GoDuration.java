package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;

/** Formats whole-second durations the way Go's {@code time.Duration.String()} does: {@code 10s}, {@code 1m20s}, {@code 5m0s}. */
final class GoDuration {

  private GoDuration() {
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return "0s";
    }
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    if (h > 0) {
      return h + "h" + m + "m" + sec + "s";
    }
    if (m > 0) {
      return m + "m" + sec + "s";
    }
    return sec + "s";
  }
}
