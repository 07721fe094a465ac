package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plumbing every pod-owning workload controller shares: run one sync with a few immediate retries on
 * conflicts, back off on other API errors, keep the requeue bookkeeping, and route pod events to their owner.
 */
final class SyncRunner {

  /** One sync of the object {@code namespace/name}; {@code key} identifies it in the back-off. */
  @FunctionalInterface
  interface Sync {
    Optional<Duration> run(String namespace, String name, String key);
  }

  private static final Logger LOG = LoggerFactory.getLogger(SyncRunner.class);
  private static final int CONFLICT_RETRIES = 5;

  private final String controller;
  private final ObjectStore store;
  private final Backoff backoff = new Backoff();
  private final Requeues requeues = new Requeues();

  SyncRunner(String controller, ObjectStore store) {
    this.controller = controller;
    this.store = store;
  }

  Backoff backoff() {
    return backoff;
  }

  Optional<Duration> reconcile(String key, Sync sync) {
    return requeues.schedule(key, attempt(key, sync), store.clock().instant());
  }

  private Optional<Duration> attempt(String key, Sync sync) {
    Keys k = Keys.parse(key);
    for (int attempt = 0; ; attempt++) {
      try {
        return sync.run(k.namespace(), k.name(), key);
      } catch (ApiException e) {
        if (e.code() == 409 && attempt < CONFLICT_RETRIES) {
          continue;
        }
        LOG.debug("{} sync of {} failed, retrying: {}", controller, key, e.getMessage());
        return Optional.of(backoff.next(key));
      }
    }
  }

  /** Queues the owner of a pod whose controllerRef names an {@code apps/*} object of this kind. */
  static void queueOwner(ObjectNode pod, String kind, WorkQueue queue) {
    JsonNode ref = ControllerRefs.controllerOf(pod);
    if (ref != null && kind.equals(ref.path("kind").asString(""))
        && ref.path("apiVersion").asString("").startsWith("apps/")) {
      queue.add(Keys.of(Nodes.stringAt(pod, "metadata", "namespace"), ref.path("name").asString("")));
    }
  }
}
