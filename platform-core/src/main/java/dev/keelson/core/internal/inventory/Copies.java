package dev.keelson.core.internal.inventory;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sorted, unmodifiable copies, so that records compare, print and serialise the same whatever order they came in. */
public final class Copies {

  private Copies() {
  }

  /** The list sorted; null becomes empty. */
  public static <T extends Comparable<? super T>> List<T> sorted(List<T> list) {
    return list == null ? List.of() : list.stream().sorted().toList();
  }

  /** The map sorted by key; null becomes empty. */
  public static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
