package dev.keelson.core.apply;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What applying a plan did, object by object, in the order the applier went through them.
 *
 * <pre>{@code
 * ApplyResult result = applier.apply(plan);
 * result.written();   // the objects created, updated or deleted
 * }</pre>
 *
 * @param correlationId the plan's correlation id, also on every event and audit record of the run
 * @param outcomes one per change of the plan
 * @param requests write requests sent for the plan's objects, retries included
 * @param bookkeepingWrites writes of the ApplySet parent
 */
public record ApplyResult(String correlationId, List<ObjectOutcome> outcomes, int requests, int bookkeepingWrites) {

  public ApplyResult {
    Objects.requireNonNull(correlationId, "correlationId");
    outcomes = List.copyOf(outcomes);
  }

  /** Objects that were written (created, updated, deleted). */
  public List<ObjectOutcome> written() {
    return outcomes.stream().filter(o -> o.status().isWrite()).toList();
  }

  /** Objects that failed, were not attempted, or did not become ready. */
  public List<ObjectOutcome> failures() {
    return outcomes.stream().filter(o -> o.status().isFailure()).toList();
  }

  public List<ObjectOutcome> with(ObjectOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).toList();
  }

  /** True when nothing failed. */
  public boolean succeeded() {
    return failures().isEmpty();
  }

  /** {@code 2 created, 1 updated, 0 deleted, 6 unchanged, 0 failed, 0 not attempted}. */
  public String summary() {
    return count(ObjectOutcome.Status.CREATED) + " created, " + count(ObjectOutcome.Status.UPDATED) + " updated, "
        + count(ObjectOutcome.Status.DELETED) + " deleted, " + count(ObjectOutcome.Status.UNCHANGED)
        + " unchanged, " + count(ObjectOutcome.Status.FAILED) + " failed, "
        + count(ObjectOutcome.Status.NOT_ATTEMPTED) + " not attempted"
        + (count(ObjectOutcome.Status.NOT_READY) == 0 ? "" : ", " + count(ObjectOutcome.Status.NOT_READY)
        + " not ready");
  }

  /** The summary, then one line per object that was written or failed. */
  public String report() {
    return summary() + outcomes.stream().filter(o -> o.status() != ObjectOutcome.Status.UNCHANGED)
        .map(o -> "\n  " + o).collect(Collectors.joining());
  }

  private long count(ObjectOutcome.Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }
}
