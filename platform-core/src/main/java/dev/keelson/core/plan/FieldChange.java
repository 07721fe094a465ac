package dev.keelson.core.plan;

import java.util.Objects;

/**
 * One field of an object that a change adds, changes or removes, with its value before and after rendered as
 * compact JSON. Values of secret-bearing fields (a Secret's {@code data} and {@code stringData}) are already
 * masked: {@code ***} when unchanged, {@code *** (before)} / {@code *** (after)} when they differ, as
 * {@code kubectl diff} masks them.
 *
 * @param path the field path, list items named by their key: {@code spec.template.spec.containers[name=app].image}
 * @param kind added, changed or removed
 * @param before the live value; empty for an added field
 * @param after the desired value; empty for a removed field
 */
public record FieldChange(String path, Kind kind, String before, String after) {

  /** What happens to the field. */
  public enum Kind {
    ADDED,
    CHANGED,
    REMOVED,
    /** The value is already as desired; the change only takes ownership of the field. */
    OWNED
  }

  public FieldChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    before = before == null ? "" : before;
    after = after == null ? "" : after;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ADDED -> "+ " + path + ": " + after;
      case REMOVED -> "- " + path + ": " + before;
      case CHANGED -> "~ " + path + ": " + before + " -> " + after;
      case OWNED -> "= " + path + ": " + after + " (take ownership)";
    };
  }
}
