package dev.keelson.testkit.internal.prom;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 1y}. */
final class Durations {

  private static final Pattern DURATION = Pattern.compile(
      "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000,
      1};

  private Durations() {
  }

  /** Milliseconds of a duration; {@link PromQlException} naming the text when it is not one. */
  static long parse(String text, int offset) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      throw PromQlException.parse(offset, "not a valid duration string: \"" + text + "\"");
    }
    long total = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      if (m.group(i + 1) != null) {
        total += Long.parseLong(m.group(i + 1)) * UNIT_MILLIS[i];
      }
    }
    return total;
  }

  /** Whether the text is a Prometheus duration (used for the HTTP API's {@code step}). */
  static boolean isDuration(String text) {
    return !text.isEmpty() && DURATION.matcher(text).matches();
  }
}
