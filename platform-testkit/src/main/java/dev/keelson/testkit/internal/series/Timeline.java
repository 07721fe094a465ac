package dev.keelson.testkit.internal.series;

import java.util.ArrayList;
import java.util.List;

/**
 * The history of one scripted property: each scripting takes effect from the virtual moment it was made, so the past
 * stays as it was and counters remain consistent.
 */
final class Timeline<T> {

  /** A value in effect from {@code from} (Unix milliseconds) until the next segment. */
  record Segment<T>(long from, T value) {
  }

  private final List<Segment<T>> segments = new ArrayList<>();

  /** Puts {@code value} in effect from {@code from} on; scripting again at the same moment replaces it. */
  synchronized void set(long from, T value) {
    segments.removeIf(s -> s.from() >= from);
    segments.add(new Segment<>(from, value));
  }

  synchronized List<Segment<T>> segments() {
    return List.copyOf(segments);
  }

  /** The segment in effect at {@code t}, or null before the first. */
  static <T> Segment<T> at(List<Segment<T>> segments, long t) {
    Segment<T> found = null;
    for (Segment<T> s : segments) {
      if (s.from() <= t) {
        found = s;
      }
    }
    return found;
  }
}
