package dev.keelson.governance.internal.pss;

import java.util.Collection;

/** Upstream's message helpers ({@code policy/helpers.go}), so details read word for word as the API server's. */
final class Words {
  private Words() {
  }

  /** {@code "a", "b"} — each item in double quotes, joined by comma and space. */
  static String joinQuote(Collection<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String item : items) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append('"').append(item).append('"');
    }
    return b.toString();
  }

  static String pluralize(String singular, String plural, int count) {
    return count == 1 ? singular : plural;
  }

  /** {@code container "a"} or {@code containers "a", "b"}. */
  static String containers(Collection<String> names) {
    return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
  }

  /** A Go string's value for a Java one: null reads as empty, as an unset string field does in Go. */
  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Go's {@code %q} for the strings upstream quotes: backslash and double quote escaped. */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
