package dev.keelson.core.internal.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One requirement of a label selector, e.g. {@code env=prod} or {@code region in (eu,us)}, with Kubernetes'
 * semantics: {@code !=} and {@code notin} also match objects that lack the key.
 *
 * @param key the label key
 * @param operator how the label's value is compared
 * @param values the values compared against, sorted; one for {@code =} and {@code !=}, none for existence
 */
public record Requirement(String key, Operator operator, SortedSet<String> values) {

  /** Requirement order in a selector's canonical text: by key, then operator, then values. */
  public static final Comparator<Requirement> CANONICAL_ORDER = Comparator.comparing(Requirement::key)
      .thenComparing(Requirement::operator)
      .thenComparing(r -> String.join(",", r.values()));

  /** The operators of set-based and equality-based label selectors. */
  public enum Operator {
    EXISTS, DOES_NOT_EXIST, EQUALS, NOT_EQUALS, IN, NOT_IN
  }

  public Requirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
  }

  /** A requirement from a list of values (sorted and de-duplicated here). */
  public static Requirement of(String key, Operator operator, List<String> values) {
    return new Requirement(key, operator, new TreeSet<>(values));
  }

  /** Whether a label map satisfies this requirement. */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    return switch (operator) {
      case EXISTS -> value != null;
      case DOES_NOT_EXIST -> value == null;
      case EQUALS, IN -> value != null && values.contains(value);
      case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
    };
  }

  /** The requirement as selector text: {@code key}, {@code !key}, {@code key=v}, {@code key in (a,b)}. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case EQUALS -> key + "=" + values.first();
      case NOT_EQUALS -> key + "!=" + values.first();
      case IN -> key + " in (" + String.join(",", values) + ")";
      case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
    };
  }
}
