package dev.keelson.core.internal.inventory;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.inventory.InventoryChange;
import dev.keelson.core.inventory.ClusterObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live caches of one cluster: an informer per {@link WatchedKind}, filled by a list and kept current by a watch.
 * Reads never reach the API server. Connection errors are retried with the informers' backoff, logged once each
 * (the cluster name and the error, never credentials) and remembered for {@link #lastError()}.
 */
public final class ClusterCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
  private static final String NODE_INDEX = "spec.nodeName";

  private final Cluster cluster;
  private final Consumer<InventoryChange> changes;
  private final Map<WatchedKind, SharedIndexInformer<? extends HasMetadata>> informers =
      new EnumMap<>(WatchedKind.class);
  private final List<CompletableFuture<Void>> started = new ArrayList<>();
  private final AtomicReference<Throwable> lastError = new AtomicReference<>();

  public ClusterCache(Cluster cluster, Consumer<InventoryChange> changes) {
    this.cluster = cluster;
    this.changes = changes;
    for (WatchedKind kind : WatchedKind.values()) {
      informers.put(kind, prepare(kind, kind.informer(cluster.client())));
    }
    pods().addIndexers(Map.of(NODE_INDEX, pod -> {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      return node == null ? List.of() : List.of(node);
    }));
  }

  /** Starts every informer; returns at once. */
  public void start() {
    informers.values().forEach(i -> started.add(i.start().toCompletableFuture()));
  }

  public Cluster cluster() {
    return cluster;
  }

  public String name() {
    return cluster.name();
  }

  /** Completes when every informer has listed its kind once. */
  public CompletableFuture<Void> synced() {
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  /** The kinds not yet listed, e.g. {@code [Pod, Service]}. */
  public List<String> unsyncedKinds() {
    return informers.entrySet().stream().filter(e -> !e.getValue().hasSynced()).map(e -> e.getKey().kind()).toList();
  }

  /** The last error an informer of this cluster met, if any. */
  public Optional<Throwable> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  /** Every cached object of a kind. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> List<T> list(WatchedKind kind) {
    return (List<T>) informers.get(kind).getStore().list();
  }

  /** The cached object of a kind with this namespace (ignored for cluster-scoped kinds) and name. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> Optional<T> get(WatchedKind kind, String namespace, String name) {
    String key = kind.namespaced() ? Cache.namespaceKeyFunc(namespace, name) : name;
    return Optional.ofNullable((T) informers.get(kind).getStore().getByKey(key));
  }

  /** The cached pods scheduled on a node. */
  public List<Pod> podsOnNode(String node) {
    return pods().getIndexer().byIndex(NODE_INDEX, node);
  }

  /** The cached pods of a namespace. */
  public List<Pod> podsIn(String namespace) {
    return pods().getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }

  @SuppressWarnings("unchecked")
  private SharedIndexInformer<Pod> pods() {
    return (SharedIndexInformer<Pod>) informers.get(WatchedKind.POD);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> prepare(WatchedKind kind, SharedIndexInformer<T> informer) {
    informer.exceptionHandler((started, error) -> retry(kind, error));
    informer.addEventHandler(new ResourceEventHandler<T>() {
      @Override
      public void onAdd(T obj) {
        tell(InventoryChange.Type.ADDED, kind, obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        tell(InventoryChange.Type.UPDATED, kind, newObj);
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        tell(InventoryChange.Type.DELETED, kind, obj);
      }
    });
    return informer;
  }

  private void tell(InventoryChange.Type type, WatchedKind kind, HasMetadata obj) {
    changes.accept(new InventoryChange(type, new ClusterObjectRef(cluster.name(), kind.kind(),
        kind.namespaced() ? obj.getMetadata().getNamespace() : "", obj.getMetadata().getName())));
  }

  /** Keeps retrying (the cluster may come back) unless the answer cannot be read at all. */
  private boolean retry(WatchedKind kind, Throwable error) {
    Throwable previous = lastError.getAndSet(error);
    boolean same = previous != null && previous.getClass() == error.getClass()
        && String.valueOf(previous.getMessage()).equals(String.valueOf(error.getMessage()));
    if (ExceptionHandler.isDeserializationException(error)) {
      LOG.error("inventory of cluster {} cannot read {} objects, no longer watching them: {}", cluster.name(),
          kind.kind(), error.toString());
      return false;
    }
    if (same) {
      LOG.debug("inventory of cluster {}: {} informer still failing: {}", cluster.name(), kind.kind(),
          error.toString());
    } else {
      LOG.warn("inventory of cluster {} at {}: {} informer failed, retrying: {}", cluster.name(), cluster.server(),
          kind.kind(), error.toString());
    }
    return true;
  }
}
