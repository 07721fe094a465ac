package dev.keelson.core.loop;

import dev.keelson.core.internal.loop.InformerCache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only, informer-backed copy of some objects of one kind, kept current by a watch: reconcilers look objects
 * up here instead of asking the API server each time. A cache starts and stops with the {@link ControlLoop} that
 * {@linkplain ControlLoop.Builder#watch(Cache, java.util.function.Function) watches} or
 * {@linkplain ControlLoop.Builder#cache(Cache) uses} it; give each cache to one loop.
 *
 * <pre>{@code
 * Cache<Deployment> deployments = Cache.of(client.apps().deployments().inAnyNamespace());
 * ControlLoop<ObjectKey> loop = ControlLoop.builder("labeler", labeler).watch(deployments, ObjectKey::of).build();
 * ...
 * Optional<Deployment> web = deployments.get(ObjectKey.of("shop", "web"));
 * }</pre>
 *
 * <p>Objects handed out are the cache's own: treat them as read-only and copy one before changing it.
 *
 * @param <T> the kind of object
 */
public interface Cache<T extends HasMetadata> {

  /** A cache of what {@code source} selects (a namespace, a label selector, all namespaces...). */
  static <T extends HasMetadata> Cache<T> of(Informable<T> source) {
    return new InformerCache<>(source);
  }

  /** The object with this namespace ({@code ""} when cluster-scoped) and name, if the cache has it. */
  Optional<T> get(String namespace, String name);

  default Optional<T> get(ObjectKey key) {
    return get(key.namespace(), key.name());
  }

  /** Every object in the cache. */
  List<T> list();

  /** The objects in one namespace. */
  List<T> list(String namespace);

  /** The objects in one namespace that carry all of {@code labels}. */
  List<T> list(String namespace, Map<String, String> labels);

  /** True once the cache has listed its objects and follows the watch. */
  boolean hasSynced();
}
