package dev.keelson.core.apply;

import dev.keelson.core.ObjectRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying did to one object.
 *
 * @param ref the object
 * @param status what happened
 * @param attempts requests made for it (0 when unchanged or not attempted)
 * @param conflicts the fields another manager owns, when the apply was refused for conflicts
 * @param error what went wrong, when it failed or did not become ready
 */
public record ObjectOutcome(ObjectRef ref, Status status, int attempts, List<FieldConflict> conflicts,
    Optional<String> error) {

  /** What happened to an object. */
  public enum Status {
    CREATED,
    UPDATED,
    /** Planned as unchanged, or the server found nothing to change. */
    UNCHANGED,
    DELETED,
    FAILED,
    /** Not tried because something it depends on failed first. */
    NOT_ATTEMPTED,
    /** Written, but not ready before the readiness timeout (or failed to roll out). */
    NOT_READY;

    /** True for statuses that mean the object was written. */
    public boolean isWrite() {
      return this == CREATED || this == UPDATED || this == DELETED || this == NOT_READY;
    }

    /** True for statuses that make the apply fail. */
    public boolean isFailure() {
      return this == FAILED || this == NOT_ATTEMPTED || this == NOT_READY;
    }
  }

  /**
   * One field another field manager owns with a different value.
   *
   * @param manager the other manager, e.g. {@code kubectl-edit} or {@code kube-controller-manager}
   * @param field the field path as Kubernetes reports it, e.g. {@code .spec.replicas}
   */
  public record FieldConflict(String manager, String field) {
  }

  public ObjectOutcome {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(status, "status");
    conflicts = List.copyOf(conflicts);
    error = error == null ? Optional.empty() : error;
  }

  @Override
  public String toString() {
    return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + ref
        + error.map(e -> ": " + e).orElse("");
  }
}
