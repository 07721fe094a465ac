package dev.keelson.core.plan;

import dev.keelson.core.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan will do to one object: create it, update some of its fields, delete (prune) it, or nothing.
 *
 * <pre>{@code
 * for (Change change : plan.updates()) {
 *   change.fields().forEach(f -> log.info("{} {}", change.ref(), f));
 * }
 * }</pre>
 */
public final class Change {

  /** The kind of change. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    NO_OP
  }

  private final ObjectRef ref;
  private final Action action;
  private final HasMetadata desired;
  private final GenericKubernetesResource live;
  private final List<FieldChange> fields;
  private final String reason;

  public Change(ObjectRef ref, Action action, HasMetadata desired, GenericKubernetesResource live,
      List<FieldChange> fields, String reason) {
    this.ref = Objects.requireNonNull(ref, "ref");
    this.action = Objects.requireNonNull(action, "action");
    this.desired = desired;
    this.live = live;
    this.fields = List.copyOf(fields);
    this.reason = reason == null ? "" : reason;
  }

  public ObjectRef ref() {
    return ref;
  }

  public Action action() {
    return action;
  }

  /**
   * The object as it will be applied, with Keelson's bookkeeping labels (a {@code GenericKubernetesResource}
   * once planned against a cluster); empty for a delete.
   */
  public Optional<HasMetadata> desired() {
    return Optional.ofNullable(desired);
  }

  /** The object as it was when planned; empty for a create. */
  public Optional<GenericKubernetesResource> live() {
    return Optional.ofNullable(live);
  }

  /** The fields an update changes (secret values masked); empty for other actions. */
  public List<FieldChange> fields() {
    return fields;
  }

  /** Why: {@code new}, {@code 2 fields differ}, {@code pruned: left the spec of ApplySet shop/shop}, ... */
  public String reason() {
    return reason;
  }

  /** True unless this is a no-op. */
  public boolean isWrite() {
    return action != Action.NO_OP;
  }

  /** {@code update Deployment shop/web (2 fields differ)}; never shows object contents. */
  @Override
  public String toString() {
    return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + ref
        + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
