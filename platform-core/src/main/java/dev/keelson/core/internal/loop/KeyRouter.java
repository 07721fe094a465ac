package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.WorkQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of a loop's caches into keys on its queue, while the loop leads; and, when it starts leading,
 * queues the key of every cached object.
 */
final class KeyRouter<K> {

  private static final Logger LOG = LoggerFactory.getLogger(KeyRouter.class);

  private final String loop;
  private final List<Watch<?, K>> watches;
  private final WorkQueue<K> queue;
  private final BooleanSupplier leading;
  /** uid to resourceVersion of the objects queued on becoming leader, until their notification arrives. */
  private final Map<String, String> queuedOnLeading = new ConcurrentHashMap<>();

  KeyRouter(String loop, List<Watch<?, K>> watches, WorkQueue<K> queue, BooleanSupplier leading) {
    this.loop = loop;
    this.watches = watches;
    this.queue = queue;
    this.leading = leading;
  }

  /** Subscribes to the caches' events; before they start. */
  void subscribe() {
    watches.forEach(this::subscribe);
  }

  private <T extends HasMetadata> void subscribe(Watch<T, K> watch) {
    if (watch.toKey() == null) {
      return;
    }
    watch.cache().addHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        if (!alreadyQueued(obj)) {
          route(watch, obj);
        }
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        if (!alreadyQueued(newObj)) {
          route(watch, newObj);
        }
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        alreadyQueued(obj);
        route(watch, obj);
      }
    });
  }

  /** Queues every cached object: whatever happened while the loop was not leading gets looked at. */
  void queueAll() {
    queuedOnLeading.clear();
    watches.forEach(this::queueAll);
  }

  private <T extends HasMetadata> void queueAll(Watch<T, K> watch) {
    if (watch.toKey() == null) {
      return;
    }
    for (T object : watch.cache().list()) {
      String uid = object.getMetadata().getUid();
      String version = object.getMetadata().getResourceVersion();
      if (uid != null && version != null) {
        queuedOnLeading.put(uid, version);
      }
      route(watch, object);
    }
  }

  /**
   * True for the informer's notification of an object version that {@link #queueAll} queued already: the initial
   * list's notifications reach the handlers after the cache has synced, and would reconcile each object twice.
   */
  private boolean alreadyQueued(HasMetadata object) {
    String uid = object.getMetadata().getUid();
    String version = object.getMetadata().getResourceVersion();
    return uid != null && version != null && queuedOnLeading.remove(uid, version);
  }

  private <T extends HasMetadata> void route(Watch<T, K> watch, T object) {
    if (!leading.getAsBoolean()) {
      return;
    }
    K key;
    try {
      key = watch.toKey().apply(object);
    } catch (RuntimeException e) {
      LOG.warn("loop {}: mapping a {} to a key failed", loop, watch.cache().kind(), e);
      return;
    }
    if (key != null) {
      queue.add(key);
    }
  }
}
