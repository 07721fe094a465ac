package dev.keelson.core.loop;

import dev.keelson.core.internal.loop.AnnotationLocation;
import dev.keelson.core.internal.loop.ConfigMapLocation;
import dev.keelson.core.internal.loop.KubernetesStateStore;
import dev.keelson.core.internal.loop.StateLocation;
import dev.keelson.core.validation.Names;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The progress of long-running logic, kept in the cluster so that a process killed at any instant resumes where it
 * stopped: a JSON document of type {@code S} (a record works) in an annotation of the object it belongs to
 * ({@code keelson.dev/state-<name>}) or under a key of a ConfigMap. Updates use optimistic concurrency on the
 * holding object's resourceVersion: on a conflict the store reads again and re-applies the change, so concurrent
 * writers never lose an update.
 *
 * <pre>{@code
 * record Progress(int step) {}
 *
 * StateStore<Progress> progress = StateStore.builder(Progress.class, new Progress(0))
 *     .name("rollout")
 *     .onObject(client, deployment)
 *     .build();
 * int resumeAt = progress.load().map(v -> v.value().step()).orElse(0);
 * progress.update(p -> new Progress(p.step() + 1));
 * }</pre>
 *
 * <p><b>Never put secrets in state.</b> Annotations and ConfigMaps are readable by anyone who can read the object,
 * show up in {@code kubectl describe}, and are not encrypted at rest. Keep state small, too: all annotations of
 * an object share 256 KiB, a ConfigMap holds at most 1 MiB. The store does not log state contents.
 *
 * @param <S> the state type, mapped to JSON with Jackson (unknown properties are ignored when reading, so a newer
 *     version may add fields)
 */
public interface StateStore<S> {

  /** The stored state and the resourceVersion it was read at; empty if nothing is stored (or the owner is gone). */
  Optional<Versioned<S>> load();

  /**
   * Applies {@code change} to the stored state (or to the initial value if none is stored yet) and writes the
   * result if it differs. On a conflicting concurrent write, reads again and re-applies {@code change}, so it must
   * have no side effects.
   *
   * @return the state as now stored
   * @throws java.util.ConcurrentModificationException if writes kept conflicting for every attempt
   * @throws IllegalStateException if the owning object does not exist
   */
  Versioned<S> update(UnaryOperator<S> change);

  /** Starts a store for state of {@code type} that begins at {@code initial}. */
  static <S> Builder<S> builder(Class<S> type, S initial) {
    return new Builder<>(type, initial);
  }

  /**
   * Where and how a {@link StateStore} keeps its state: {@link #name}, then one of {@link #onObject} or
   * {@link #inConfigMap}.
   *
   * @param <S> the state type
   */
  final class Builder<S> {

    /** The prefix of the annotation that holds state on the owning object. */
    public static final String ANNOTATION_PREFIX = "keelson.dev/state-";

    private final Class<S> type;
    private final S initial;
    private String name;
    private HasMetadata owner;
    private KubernetesClient client;
    private String namespace;
    private String configMap;
    private HasMetadata configMapOwner;
    private int maxAttempts = 10;

    private Builder(Class<S> type, S initial) {
      this.type = Objects.requireNonNull(type, "type");
      this.initial = Objects.requireNonNull(initial, "initial");
    }

    /**
     * The state's name: the annotation is {@code keelson.dev/state-<name>}, the ConfigMap key is {@code <name>}.
     * Letters, digits, '-', '_' and '.', at most 57 characters.
     */
    public Builder<S> name(String value) {
      List<String> problems = Names.qualifiedName(ANNOTATION_PREFIX + Objects.requireNonNull(value, "name"));
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("state name \"" + value + "\" is invalid: " + String.join("; ", problems));
      }
      this.name = value;
      return this;
    }

    /**
     * Keeps the state in an annotation of {@code owner} (any object with a namespace, name and kind: a cached copy
     * will do), which must exist. Each update reads it once and writes one merge patch.
     */
    public Builder<S> onObject(KubernetesClient client, HasMetadata owner) {
      this.client = Objects.requireNonNull(client, "client");
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /** Keeps the state in the ConfigMap {@code namespace/name}, creating it when first written. */
    public Builder<S> inConfigMap(KubernetesClient client, String namespace, String name) {
      this.client = Objects.requireNonNull(client, "client");
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      this.configMap = Objects.requireNonNull(name, "name");
      this.owner = null;
      return this;
    }

    /** With {@link #inConfigMap}: the ConfigMap is created owned by {@code object}, so it is deleted with it. */
    public Builder<S> ownedBy(HasMetadata object) {
      this.configMapOwner = Objects.requireNonNull(object, "object");
      return this;
    }

    /** How many times {@link StateStore#update} tries before giving up on conflicts; 10 by default. */
    public Builder<S> maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, got " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    public StateStore<S> build() {
      if (name == null) {
        throw new IllegalStateException("a state store needs a name");
      }
      StateLocation location;
      if (owner != null) {
        location = new AnnotationLocation(client, owner, ANNOTATION_PREFIX + name);
      } else if (configMap != null) {
        location = new ConfigMapLocation(client, namespace, configMap, name, configMapOwner);
      } else {
        throw new IllegalStateException("state store " + name + " needs a place: onObject(...) or inConfigMap(...)");
      }
      return new KubernetesStateStore<>(type, initial, location, maxAttempts);
    }
  }
}
