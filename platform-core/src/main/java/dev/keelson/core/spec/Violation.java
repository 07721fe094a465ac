package dev.keelson.core.spec;

import java.util.Objects;

/**
 * One broken rule in a spec: where ({@code path}), which rule, and a message a person can act on.
 *
 * <pre>{@code
 * new Violation("containers[app].resources.limits.memory", "quantity", "\"12XB\" is not a quantity")
 * }</pre>
 *
 * @param path the field path inside the spec, e.g. {@code containers[app].image}
 * @param rule a short stable rule identifier, e.g. {@code dns-1123-label}
 * @param message what is wrong, without the path
 */
public record Violation(String path, String rule, String message) {
  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return path + ": " + message + " [" + rule + "]";
  }
}
