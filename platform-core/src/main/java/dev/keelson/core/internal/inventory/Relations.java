package dev.keelson.core.internal.inventory;

import dev.keelson.core.inventory.ClusterObjectRef;
import dev.keelson.core.inventory.PodRecord;
import dev.keelson.core.inventory.WorkloadRecord;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The relations people ask the inventory about, answered from one or more clusters' caches alone. */
public final class Relations {

  /** The workload kinds, top-level ones first. */
  static final List<WatchedKind> WORKLOAD_KINDS = List.of(WatchedKind.DEPLOYMENT, WatchedKind.STATEFUL_SET,
      WatchedKind.DAEMON_SET, WatchedKind.CRON_JOB, WatchedKind.REPLICA_SET, WatchedKind.JOB);

  /** An object found in a cache, with its kind. */
  private record Found(WatchedKind kind, HasMetadata object) {
  }

  private static final int MAX_OWNER_DEPTH = 16;

  private Relations() {
  }

  /** The pods a service selects that have not terminated; none when the service or its selector is missing. */
  public static List<PodRecord> podsBackingService(ClusterCache cache, String namespace, String service) {
    return cache.<Service>get(WatchedKind.SERVICE, namespace, service)
        .map(s -> records(cache, backingPods(cache, s))).orElse(List.of());
  }

  /** The pods scheduled on a node. */
  public static List<PodRecord> podsOnNode(ClusterCache cache, String node) {
    return records(cache, cache.podsOnNode(node));
  }

  /**
   * The pod, then its controller, that one's controller and so on, as far as the caches know them: e.g. Pod,
   * ReplicaSet, Deployment. An owner the inventory does not watch (a custom resource) ends the chain. Empty when
   * the pod is not in the cache.
   */
  public static List<ClusterObjectRef> ownerChain(ClusterCache cache, String namespace, String pod) {
    Optional<Pod> found = cache.get(WatchedKind.POD, namespace, pod);
    if (found.isEmpty()) {
      return List.of();
    }
    List<ClusterObjectRef> chain = new ArrayList<>();
    chain.add(new ClusterObjectRef(cache.name(), "Pod", namespace, pod));
    HasMetadata current = found.get();
    for (int depth = 0; depth < MAX_OWNER_DEPTH; depth++) {
      ClusterObjectRef owner = Records.controllerOf(cache.name(), current);
      if (owner == null) {
        break;
      }
      chain.add(owner);
      Optional<Found> next = owner(cache, current);
      if (next.isEmpty()) {
        break;
      }
      current = next.get().object();
    }
    return List.copyOf(chain);
  }

  /**
   * The workloads that run a matching image, across clusters: each top-level workload (one without a controller)
   * whose pod template matches, the top-level workload above each active ReplicaSet or Job whose template matches
   * (so a Deployment mid-rollout is found by its old image too), and bare pods.
   */
  public static List<WorkloadRecord> workloadsRunningImage(List<ClusterCache> caches, ImageMatcher image) {
    Map<ClusterObjectRef, WorkloadRecord> found = new TreeMap<>();
    for (ClusterCache cache : caches) {
      for (WatchedKind kind : WORKLOAD_KINDS) {
        for (HasMetadata workload : cache.list(kind)) {
          if (!runs(image, Records.images(Workloads.podSpec(workload)))) {
            continue;
          }
          if (Records.controllerReference(workload) == null) {
            put(found, Records.workload(cache.name(), kind, workload));
          } else if (Workloads.isActive(workload)) {
            Found top = top(cache, new Found(kind, workload));
            put(found, Records.workload(cache.name(), top.kind(), top.object()));
          }
        }
      }
      for (Pod pod : cache.<Pod>list(WatchedKind.POD)) {
        if (Records.controllerReference(pod) == null && runs(image, Records.images(pod.getSpec()))) {
          put(found, Records.barePod(cache.name(), pod));
        }
      }
    }
    return List.copyOf(found.values());
  }

  /** The pods a service selects that have not terminated, as the endpoints controller picks them. */
  static List<Pod> backingPods(ClusterCache cache, Service service) {
    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    return cache.podsIn(service.getMetadata().getNamespace()).stream()
        .filter(p -> p.getMetadata().getLabels() != null
            && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .filter(p -> p.getStatus() == null || !("Succeeded".equals(p.getStatus().getPhase())
            || "Failed".equals(p.getStatus().getPhase())))
        .toList();
  }

  private static boolean runs(ImageMatcher image, List<String> images) {
    return images.stream().anyMatch(image::matches);
  }

  private static void put(Map<ClusterObjectRef, WorkloadRecord> found, WorkloadRecord workload) {
    found.putIfAbsent(workload.ref(), workload);
  }

  private static List<PodRecord> records(ClusterCache cache, List<Pod> pods) {
    return pods.stream().map(p -> Records.pod(cache.name(), p)).sorted(Comparator.comparing(PodRecord::ref))
        .toList();
  }

  /** The highest controller above {@code start} that the cache holds. */
  private static Found top(ClusterCache cache, Found start) {
    Found current = start;
    for (int depth = 0; depth < MAX_OWNER_DEPTH; depth++) {
      Optional<Found> next = owner(cache, current.object());
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    return current;
  }

  /** The cached controller of an object, when the inventory watches its kind and the uid still matches. */
  private static Optional<Found> owner(ClusterCache cache, HasMetadata obj) {
    OwnerReference ref = Records.controllerReference(obj);
    if (ref == null) {
      return Optional.empty();
    }
    return WatchedKind.of(ref.getKind()).flatMap(kind -> cache.<HasMetadata>get(kind,
        obj.getMetadata().getNamespace(), ref.getName())
        .filter(o -> ref.getUid() == null || ref.getUid().equals(o.getMetadata().getUid()))
        .map(o -> new Found(kind, o)));
  }
}
