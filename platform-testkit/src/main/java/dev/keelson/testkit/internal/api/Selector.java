package dev.keelson.testkit.internal.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed label or field selector as the API server accepts it in {@code labelSelector=} and
 * {@code fieldSelector=}: equality ({@code =}, {@code ==}, {@code !=}) and, for labels, set-based requirements
 * ({@code in}, {@code notin}, {@code key}, {@code !key}).
 */
public final class Selector {

  private enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

  private record Requirement(String key, Op op, Set<String> values) {
    boolean matches(Function<String, String> lookup) {
      String value = lookup.apply(key);
      return switch (op) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
      };
    }
  }

  private static final Selector EVERYTHING = new Selector(List.of());

  private final List<Requirement> requirements;

  private Selector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static Selector everything() {
    return EVERYTHING;
  }

  public boolean isEverything() {
    return requirements.isEmpty();
  }

  /** Parses a label selector; {@link IllegalArgumentException} with the reason when malformed. */
  public static Selector parseLabels(String text) {
    return parse(text, true);
  }

  /** Parses a field selector (equality only). */
  public static Selector parseFields(String text) {
    return parse(text, false);
  }

  /** Matches a label map. */
  public boolean matches(Map<String, String> labels) {
    return matches(labels::get);
  }

  /** Matches any key/value lookup (field selectors look up field paths). */
  public boolean matches(Function<String, String> lookup) {
    for (Requirement r : requirements) {
      if (!r.matches(lookup)) {
        return false;
      }
    }
    return true;
  }

  /** The keys this selector requires a value for (field selectors check them against the supported set). */
  public Set<String> keys() {
    Set<String> keys = new HashSet<>();
    requirements.forEach(r -> keys.add(r.key()));
    return keys;
  }

  private static Selector parse(String text, boolean setBased) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("unable to parse requirement: empty requirement in \"" + text + "\"");
      }
      out.add(requirement(p, setBased, text));
    }
    return new Selector(List.copyOf(out));
  }

  private static Requirement requirement(String p, boolean setBased, String text) {
    int neq = p.indexOf("!=");
    if (neq > 0) {
      return new Requirement(p.substring(0, neq).trim(), Op.NOT_EQUALS, Set.of(p.substring(neq + 2).trim()));
    }
    int eqeq = p.indexOf("==");
    if (eqeq > 0) {
      return new Requirement(p.substring(0, eqeq).trim(), Op.EQUALS, Set.of(p.substring(eqeq + 2).trim()));
    }
    int eq = p.indexOf('=');
    if (eq > 0) {
      return new Requirement(p.substring(0, eq).trim(), Op.EQUALS, Set.of(p.substring(eq + 1).trim()));
    }
    if (!setBased) {
      throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + p + "'");
    }
    String[] words = p.split("\\s+", 2);
    if (words.length == 2) {
      String rest = words[1].trim();
      Op op;
      if (rest.startsWith("notin")) {
        op = Op.NOT_IN;
        rest = rest.substring(5).trim();
      } else if (rest.startsWith("in")) {
        op = Op.IN;
        rest = rest.substring(2).trim();
      } else {
        throw new IllegalArgumentException("unable to parse requirement: found '" + rest + "', expected: in, notin, "
            + "=, ==, !=, gt, lt");
      }
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw new IllegalArgumentException("unable to parse requirement: found '" + rest + "', expected: '('");
      }
      Set<String> values = new HashSet<>();
      for (String v : rest.substring(1, rest.length() - 1).split(",")) {
        if (!v.trim().isEmpty()) {
          values.add(v.trim());
        }
      }
      return new Requirement(words[0], op, Set.copyOf(values));
    }
    if (p.startsWith("!")) {
      return new Requirement(p.substring(1).trim(), Op.NOT_EXISTS, Set.of());
    }
    return new Requirement(p, Op.EXISTS, Set.of());
  }

  /** Splits on commas outside parentheses. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }
}
