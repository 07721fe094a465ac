package dev.keelson.core.cluster;

import dev.keelson.core.internal.cluster.Requirement;
import dev.keelson.core.internal.cluster.SelectorParser;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A label selector in Kubernetes syntax, used to pick clusters of a {@link Fleet} by their labels: equality
 * ({@code env=prod}, {@code env==prod}, {@code env!=prod}), sets ({@code region in (eu,us)},
 * {@code region notin (ap)}) and existence ({@code canary}, {@code !canary}), all of which must hold. As in
 * Kubernetes, {@code !=} and {@code notin} also match clusters that lack the label; the empty selector matches
 * everything.
 *
 * <pre>{@code
 * LabelSelector prodInEurope = LabelSelector.parse("env=prod,region in (eu,us),!canary");
 * prodInEurope.matches(Map.of("env", "prod", "region", "eu"));    // true
 * prodInEurope.toString();                                         // "!canary,env=prod,region in (eu,us)"
 * }</pre>
 *
 * <p>Two selectors are equal when their canonical texts ({@link #toString()}) are: requirements sorted by key, set
 * values sorted, {@code ==} written {@code =}.
 */
public final class LabelSelector {

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private final List<Requirement> requirements;
  private final String canonical;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements.stream().sorted(Requirement.CANONICAL_ORDER).distinct().toList();
    this.canonical = this.requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  /**
   * Parses selector text.
   *
   * @param text e.g. {@code env=prod,region in (eu,us),!canary}; blank selects everything
   * @return the selector
   * @throws IllegalArgumentException naming the column and what was expected there, or the key or value that is not
   *     valid label syntax
   */
  public static LabelSelector parse(String text) {
    List<Requirement> parsed = SelectorParser.parse(text);
    return parsed.isEmpty() ? EVERYTHING : new LabelSelector(parsed);
  }

  /** The selector that matches every label set. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** Whether this selector has no requirement, so it matches everything. */
  public boolean isEverything() {
    return requirements.isEmpty();
  }

  /** Whether every requirement holds for these labels. */
  public boolean matches(Map<String, String> labels) {
    Objects.requireNonNull(labels, "labels");
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The canonical text, which parses back to an equal selector. */
  @Override
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }
}
