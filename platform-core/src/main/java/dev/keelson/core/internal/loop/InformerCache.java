package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.Cache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Cache} on a fabric8 {@link SharedIndexInformer} (no periodic resync), owned by one control loop. */
public final class InformerCache<T extends HasMetadata> implements Cache<T> {

  private final SharedIndexInformer<T> informer;
  private final AtomicBoolean claimed = new AtomicBoolean();

  public InformerCache(Informable<T> source) {
    this.informer = Objects.requireNonNull(source, "source").runnableInformer(0);
  }

  /** The cache behind a {@link Cache} made by {@link Cache#of}. */
  public static <T extends HasMetadata> InformerCache<T> from(Cache<T> cache) {
    if (cache instanceof InformerCache<T> informerCache) {
      return informerCache;
    }
    throw new IllegalArgumentException("a control loop runs caches made by Cache.of, not " + cache.getClass());
  }

  /** Marks the cache as owned by {@code loop}; a cache serves one loop. */
  public void claim(String loop) {
    if (!claimed.compareAndSet(false, true)) {
      throw new IllegalStateException("this cache already belongs to a control loop; give loop '" + loop
          + "' a cache of its own");
    }
  }

  public void addHandler(ResourceEventHandler<? super T> handler) {
    informer.addEventHandler(handler);
  }

  /** Starts the watch; completes once the initial list is in the cache. */
  public CompletionStage<Void> start() {
    return informer.start();
  }

  public void close() {
    informer.close();
  }

  public String kind() {
    return informer.getApiTypeClass().getSimpleName();
  }

  @Override
  public Optional<T> get(String namespace, String name) {
    String key = namespace == null || namespace.isEmpty() ? name
        : io.fabric8.kubernetes.client.informers.cache.Cache.namespaceKeyFunc(namespace, name);
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  @Override
  public List<T> list() {
    return List.copyOf(informer.getStore().list());
  }

  @Override
  public List<T> list(String namespace) {
    return List.copyOf(informer.getIndexer().byIndex(io.fabric8.kubernetes.client.informers.cache.Cache.NAMESPACE_INDEX,
        namespace == null ? "" : namespace));
  }

  @Override
  public List<T> list(String namespace, Map<String, String> labels) {
    return list(namespace).stream().filter(o -> hasLabels(o, labels)).toList();
  }

  private static boolean hasLabels(HasMetadata object, Map<String, String> wanted) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (wanted.isEmpty()) {
      return true;
    }
    return labels != null && labels.entrySet().containsAll(wanted.entrySet());
  }

  @Override
  public boolean hasSynced() {
    return informer.hasSynced();
  }

  @Override
  public String toString() {
    return "Cache<" + kind() + ">";
  }
}
