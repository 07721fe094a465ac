package dev.keelson.core.inventory;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.Fleet;
import dev.keelson.core.internal.inventory.ClusterCache;
import dev.keelson.core.internal.inventory.ImageMatcher;
import dev.keelson.core.internal.inventory.Relations;
import dev.keelson.core.internal.inventory.Snapshots;
import dev.keelson.core.internal.inventory.WatchedKind;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live model of clusters and what runs on them — nodes, namespaces, workloads, pods and services — answering the
 * questions people ask a CMDB: which pods back a service, what runs on a node, which workloads run an image, what
 * owns a pod, which tenant a namespace belongs to. It is kept current by informers (one per kind per cluster), and
 * every query is answered from their caches: a query sends no request to any API server.
 *
 * <pre>{@code
 * try (Inventory inventory = Inventory.start(fleet)) {
 *   inventory.awaitSynced(Duration.ofSeconds(30));
 *   List<PodRecord> backing = inventory.podsBackingService("prod-eu", "shop", "web");
 *   List<WorkloadRecord> log4j = inventory.workloadsRunningImage("registry.example.com/legacy/reporting");
 *   List<ClusterObjectRef> chain = inventory.ownerChain(backing.get(0).ref());   // Pod, ReplicaSet, Deployment
 *   Files.writeString(Path.of("inventory.json"), inventory.snapshot().toJson());
 * }
 * }</pre>
 *
 * <p>Queries made before {@link #awaitSynced(Duration)} returns see what has been listed so far. Closing the inventory
 * stops its informers; it does not close the clusters' clients.
 */
public final class Inventory implements AutoCloseable {

  /** The namespace label that names its tenant; governance sets it, {@link #tenantOf} reads it. */
  public static final String TENANT_LABEL = "keelson.dev/tenant";

  private static final Logger LOG = LoggerFactory.getLogger(Inventory.class);

  private final List<ClusterCache> caches = new ArrayList<>();
  private final List<Consumer<InventoryChange>> listeners = new CopyOnWriteArrayList<>();

  private Inventory(List<Cluster> clusters) {
    try {
      for (Cluster cluster : clusters) {
        caches.add(new ClusterCache(cluster, this::tell));
      }
      caches.forEach(ClusterCache::start);
    } catch (RuntimeException e) {
      close(); // no informer left running behind a failed start
      throw e;
    }
  }

  /** Starts watching one cluster; returns at once (see {@link #awaitSynced(Duration)}). */
  public static Inventory start(Cluster cluster) {
    return new Inventory(List.of(cluster));
  }

  /** Starts watching every cluster of the fleet; returns at once (see {@link #awaitSynced(Duration)}). */
  public static Inventory start(Fleet fleet) {
    return new Inventory(fleet.clusters());
  }

  /** The names of the clusters, sorted. */
  public List<String> clusters() {
    return caches.stream().map(ClusterCache::name).toList();
  }

  /**
   * Waits until every cluster's caches have been filled once.
   *
   * @return this inventory
   * @throws InventorySyncException after {@code timeout}, naming each cluster not synced, the kinds it lacks and the
   *     last error seen there
   */
  public Inventory awaitSynced(Duration timeout) {
    CompletableFuture<?>[] all = caches.stream().map(ClusterCache::synced).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(all).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notSynced("interrupted while waiting for the inventory to sync");
    } catch (TimeoutException | ExecutionException e) {
      throw notSynced("inventory not synced within " + timeout);
    }
  }

  /** Whether every cluster's caches have been filled once. */
  public boolean isSynced() {
    return caches.stream().allMatch(c -> c.unsyncedKinds().isEmpty());
  }

  /**
   * Tells {@code listener} of every change the inventory takes in, after its caches hold it. Called on the
   * informers' threads, one change at a time per kind and cluster; keep it short.
   */
  public Inventory addListener(Consumer<InventoryChange> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * The pods that back a service, with their readiness: those in its namespace that its selector matches and that
   * have not terminated, by name. Empty when the cluster has no such service or the service has no selector.
   *
   * @throws IllegalArgumentException when the inventory has no such cluster
   */
  public List<PodRecord> podsBackingService(String cluster, String namespace, String service) {
    return Relations.podsBackingService(cache(cluster), namespace, service);
  }

  /** {@link #podsBackingService(String, String, String)} in every cluster that has the service. */
  public List<PodRecord> podsBackingService(String namespace, String service) {
    return caches.stream().flatMap(c -> Relations.podsBackingService(c, namespace, service).stream()).toList();
  }

  /**
   * The pods scheduled on a node, by namespace and name.
   *
   * @throws IllegalArgumentException when the inventory has no such cluster
   */
  public List<PodRecord> podsOnNode(String cluster, String node) {
    return Relations.podsOnNode(cache(cluster), node);
  }

  /**
   * The workloads, in every cluster, that run an image: {@code registry.example.com/shop/web} matches it at any tag
   * or digest, {@code ...web:1.4.2} only that tag, {@code registry.example.com/shop/} everything under that path.
   * Reported are top-level workloads (a Deployment rather than its ReplicaSets, a CronJob rather than its Jobs) and
   * bare pods; a Deployment is found by the images of its template and of its ReplicaSets still scaled up, so it
   * shows under both images mid-rollout.
   *
   * @throws IllegalArgumentException when the query is neither an image reference nor a prefix ending in {@code /}
   */
  public List<WorkloadRecord> workloadsRunningImage(String imageOrPrefix) {
    return Relations.workloadsRunningImage(caches, ImageMatcher.of(imageOrPrefix));
  }

  /**
   * A pod and its chain of controllers, e.g. Pod, ReplicaSet, Deployment or Pod, Job, CronJob. The chain ends at an
   * owner the inventory does not watch (say a custom resource), which is still listed. Empty when the pod is not
   * known.
   *
   * @throws IllegalArgumentException when the inventory has no such cluster
   */
  public List<ClusterObjectRef> ownerChain(String cluster, String namespace, String pod) {
    return Relations.ownerChain(cache(cluster), namespace, pod);
  }

  /** {@link #ownerChain(String, String, String)} of the pod a reference names. */
  public List<ClusterObjectRef> ownerChain(ClusterObjectRef pod) {
    if (!pod.kind().equals("Pod")) {
      throw new IllegalArgumentException("owner chains start at a Pod, not at " + pod);
    }
    return ownerChain(pod.cluster(), pod.namespace(), pod.name());
  }

  /**
   * The tenant a namespace belongs to: the value of its {@value #TENANT_LABEL} label. Empty when the namespace is
   * unknown or has no tenant label.
   *
   * @throws IllegalArgumentException when the inventory has no such cluster
   */
  public Optional<String> tenantOf(String cluster, String namespace) {
    return cache(cluster).<Namespace>get(WatchedKind.NAMESPACE, "", namespace)
        .map(ns -> ns.getMetadata().getLabels())
        .map(labels -> labels.get(TENANT_LABEL));
  }

  /** An immutable copy of what the inventory holds now, one entry per cluster. */
  public InventorySnapshot snapshot() {
    return new InventorySnapshot(caches.stream().map(Snapshots::of).toList());
  }

  /** Stops the informers. */
  @Override
  public void close() {
    caches.forEach(ClusterCache::close);
  }

  private ClusterCache cache(String cluster) {
    return caches.stream().filter(c -> c.name().equals(cluster)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("inventory has no cluster \"" + cluster + "\"; it has " + clusters()));
  }

  private void tell(InventoryChange change) {
    for (Consumer<InventoryChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("inventory listener failed on {} {}: {}", change.type(), change.ref(), e.toString());
      }
    }
  }

  private InventorySyncException notSynced(String reason) {
    List<String> unsynced = new ArrayList<>();
    StringBuilder message = new StringBuilder(reason);
    for (ClusterCache cache : caches) {
      List<String> kinds = cache.unsyncedKinds();
      if (kinds.isEmpty()) {
        continue;
      }
      unsynced.add(cache.name());
      message.append("\n  - cluster ").append(cache.name()).append(" at ").append(cache.cluster().server())
          .append(": not yet listed: ").append(String.join(", ", kinds));
      cache.lastError().ifPresent(e -> message.append("; last error: ").append(e));
    }
    return new InventorySyncException(message.toString(), unsynced);
  }

  @Override
  public String toString() {
    return "Inventory" + clusters() + (isSynced() ? "" : "[syncing]");
  }
}
