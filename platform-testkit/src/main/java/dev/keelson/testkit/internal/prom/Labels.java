package dev.keelson.testkit.internal.prom;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An immutable label set sorted by name, as Prometheus keeps them; {@code __name__} holds the metric name. */
public final class Labels implements Comparable<Labels> {

  public static final String NAME = "__name__";
  public static final Labels EMPTY = new Labels(new TreeMap<>());

  private final SortedMap<String, String> map;

  private Labels(SortedMap<String, String> map) {
    this.map = Collections.unmodifiableSortedMap(map);
  }

  /** Labels from a map; empty values are dropped, as Prometheus treats an empty label as an absent one. */
  public static Labels of(Map<String, String> labels) {
    TreeMap<String, String> m = new TreeMap<>();
    labels.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        m.put(k, v);
      }
    });
    return new Labels(m);
  }

  /** Labels from alternating names and values. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!namesAndValues[i + 1].isEmpty()) {
        m.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return new Labels(m);
  }

  /** The value of a label, or the empty string when absent (PromQL's view of an absent label). */
  public String get(String name) {
    return map.getOrDefault(name, "");
  }

  public Map<String, String> asMap() {
    return map;
  }

  public Labels with(String name, String value) {
    TreeMap<String, String> m = new TreeMap<>(map);
    if (value.isEmpty()) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return new Labels(m);
  }

  /** These labels with all of {@code other}'s added, replacing any of the same name. */
  public Labels with(Labels other) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.putAll(other.map);
    return new Labels(m);
  }

  public Labels withoutName() {
    return map.containsKey(NAME) ? without(java.util.Set.of(NAME)) : this;
  }

  public Labels without(Collection<String> names) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.keySet().removeAll(names);
    return new Labels(m);
  }

  public Labels only(Collection<String> names) {
    TreeMap<String, String> m = new TreeMap<>(map);
    m.keySet().retainAll(names);
    return new Labels(m);
  }

  @Override
  public int compareTo(Labels other) {
    Iterator<Map.Entry<String, String>> a = map.entrySet().iterator();
    Iterator<Map.Entry<String, String>> b = other.map.entrySet().iterator();
    while (a.hasNext() && b.hasNext()) {
      Map.Entry<String, String> x = a.next();
      Map.Entry<String, String> y = b.next();
      int c = x.getKey().compareTo(y.getKey());
      if (c == 0) {
        c = x.getValue().compareTo(y.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(a.hasNext(), b.hasNext());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && map.equals(l.map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  /** PromQL's notation: {@code {code="500", pod="web-1"}}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("{");
    map.forEach((k, v) -> {
      if (s.length() > 1) {
        s.append(", ");
      }
      s.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    });
    return s.append('}').toString();
  }
}
