package dev.keelson.core.plan;

import dev.keelson.core.internal.plan.PlanText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What applying a set of objects would do, computed without writing anything: one {@link Change} per object, in
 * the order the applier writes them (namespaces and CRDs, then RBAC and configuration, then workloads, then
 * routes; deletes last, in reverse). A plan can be printed ({@link #toDiff()}), handed to tools ({@link #toJson()}),
 * checked by policy, approved, or applied with {@code Applier}.
 *
 * <pre>{@code
 * Plan plan = Planner.on(client).applySet(ApplySet.of("shop", "shop")).build().plan(objects);
 * log.info(plan.summary());           // 1 to create, 1 to update, 0 to delete, 7 unchanged
 * log.info(plan.toDiff());
 * }</pre>
 */
public final class Plan {
  private final String correlationId;
  private final String fieldManager;
  private final ApplySet applySet;
  private final List<Change> changes;
  private final Instant createdAt;
  private final SortedSet<String> recordedGroupKinds;
  private final SortedSet<String> groupKinds;
  private final SortedSet<String> namespaces;

  Plan(String correlationId, String fieldManager, ApplySet applySet, List<Change> changes, Instant createdAt,
      Set<String> recordedGroupKinds, Set<String> groupKinds, Set<String> namespaces) {
    this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
    this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager");
    this.applySet = applySet;
    this.changes = List.copyOf(changes);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.recordedGroupKinds = new TreeSet<>(recordedGroupKinds);
    this.groupKinds = new TreeSet<>(groupKinds);
    this.namespaces = new TreeSet<>(namespaces);
  }

  /** Ties this plan to the writes, events and audit records of applying it. */
  public String correlationId() {
    return correlationId;
  }

  /** The server-side apply field manager the plan was computed for. */
  public String fieldManager() {
    return fieldManager;
  }

  /** The set the objects belong to, when pruning is on. */
  public Optional<ApplySet> applySet() {
    return Optional.ofNullable(applySet);
  }

  /** Every change, no-ops included, in apply order. */
  public List<Change> changes() {
    return changes;
  }

  /** When the plan was computed. */
  public Instant createdAt() {
    return createdAt;
  }

  public List<Change> creates() {
    return of(Change.Action.CREATE);
  }

  public List<Change> updates() {
    return of(Change.Action.UPDATE);
  }

  public List<Change> deletes() {
    return of(Change.Action.DELETE);
  }

  public List<Change> unchanged() {
    return of(Change.Action.NO_OP);
  }

  /** True when applying would write at least one object. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(Change::isWrite);
  }

  /** How many objects applying would write (creates, updates and deletes). */
  public int writeCount() {
    return (int) changes.stream().filter(Change::isWrite).count();
  }

  /** The group-kinds the ApplySet parent records now (empty without a set or before its first apply). */
  public SortedSet<String> recordedGroupKinds() {
    return recordedGroupKinds;
  }

  /** The group-kinds the ApplySet parent must record once the plan is applied. */
  public SortedSet<String> groupKinds() {
    return groupKinds;
  }

  /** The namespaces the desired objects live in. */
  public SortedSet<String> namespaces() {
    return namespaces;
  }

  /** {@code 1 to create, 1 to update, 0 to delete, 7 unchanged}. */
  public String summary() {
    return creates().size() + " to create, " + updates().size() + " to update, " + deletes().size()
        + " to delete, " + unchanged().size() + " unchanged";
  }

  /**
   * The plan as people read diffs: per object a header ({@code +} create, {@code ~} update, {@code -} delete) and
   * {@code -}/{@code +} lines per field; a create shows the whole object. Secret values are masked.
   */
  public String toDiff() {
    return PlanText.diff(this);
  }

  /** The plan as JSON for tools: summary, then each change with its fields (secret values masked). */
  public String toJson() {
    return PlanText.json(this);
  }

  @Override
  public String toString() {
    return "Plan " + correlationId + ": " + summary();
  }

  private List<Change> of(Change.Action action) {
    return changes.stream().filter(c -> c.action() == action).toList();
  }
}
