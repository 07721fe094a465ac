package dev.keelson.core.spec;

import java.util.List;

/**
 * Thrown when a spec is invalid. Carries every {@link Violation} found, not just the first, so one failed
 * {@code build()} tells the user everything to fix.
 *
 * <pre>{@code
 * try {
 *   DeploymentSpec.builder().name("Web").build();
 * } catch (SpecException e) {
 *   e.violations().forEach(v -> log.warn("{}", v));
 * }
 * }</pre>
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public SpecException(String subject, List<Violation> violations) {
    super(describe(subject, violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, in the order the fields were checked. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(String subject, List<Violation> violations) {
    StringBuilder text = new StringBuilder(subject).append(" is invalid (")
        .append(violations.size()).append(violations.size() == 1 ? " violation)" : " violations)");
    for (Violation v : violations) {
      text.append("\n  - ").append(v);
    }
    return text.toString();
  }
}
