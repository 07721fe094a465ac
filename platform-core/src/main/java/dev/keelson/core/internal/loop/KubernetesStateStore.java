package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.StateStore;
import dev.keelson.core.loop.Versioned;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ConcurrentModificationException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * {@link StateStore}: read, change, write on condition of the resourceVersion read, and start over on a 409.
 * Logs where state is and its versions at DEBUG, never its contents.
 */
public final class KubernetesStateStore<S> implements StateStore<S> {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesStateStore.class);

  private final Class<S> type;
  private final S initial;
  private final StateLocation location;
  private final int maxAttempts;

  public KubernetesStateStore(Class<S> type, S initial, StateLocation location, int maxAttempts) {
    this.type = type;
    this.initial = initial;
    this.location = location;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public Optional<Versioned<S>> load() {
    StateLocation.Snapshot snapshot = location.read();
    if (snapshot.json() == null) {
      return Optional.empty();
    }
    return Optional.of(new Versioned<>(decode(snapshot.json()), snapshot.version()));
  }

  @Override
  public Versioned<S> update(UnaryOperator<S> change) {
    Objects.requireNonNull(change, "change");
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      StateLocation.Snapshot snapshot = location.read();
      S before = snapshot.json() == null ? initial : decode(snapshot.json());
      S after = Objects.requireNonNull(change.apply(before), "the state change returned null");
      String json = encode(after);
      if (json.equals(snapshot.json())) {
        return new Versioned<>(after, snapshot.version());
      }
      try {
        String version = location.write(json, snapshot);
        LOG.debug("state {} written at resourceVersion {}", location.describe(), version);
        return new Versioned<>(after, version);
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.debug("state {} changed since resourceVersion {} (attempt {} of {}); reading it again",
            location.describe(), snapshot.version(), attempt, maxAttempts);
        pause(attempt);
      }
    }
    throw new ConcurrentModificationException("state " + location.describe() + " kept changing under "
        + maxAttempts + " attempts to update it");
  }

  /** A short random pause, so that writers that collided do not collide again in lockstep. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + 5L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while updating state", e);
    }
  }

  private S decode(String json) {
    try {
      return StateJson.MAPPER.readValue(json, type);
    } catch (JacksonException e) {
      // The message names the location and type only: the document may hold anything.
      throw new IllegalStateException("state " + location.describe() + " cannot be read as " + type.getName(), e);
    }
  }

  private String encode(S state) {
    try {
      return StateJson.MAPPER.writeValueAsString(state);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("state of type " + type.getName() + " cannot be written as JSON", e);
    }
  }

  @Override
  public String toString() {
    return "StateStore{" + location.describe() + "}";
  }
}
