package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.List;
import java.util.Map;

/**
 * A pod as the inventory sees it: where it runs, whether it is ready, what it runs and what controls it.
 *
 * <pre>{@code
 * for (PodRecord pod : inventory.podsBackingService("prod-eu", "shop", "web")) {
 *   log.info("{} on {} {}", pod.name(), pod.node(), pod.ready() ? "ready" : "NOT ready");
 * }
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param node the node it is scheduled on, or null while pending
 * @param phase {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown}
 * @param ready whether its {@code Ready} condition is true
 * @param images the images of its containers and init containers, sorted
 * @param labels its labels, sorted by key
 * @param owner its controller (e.g. a ReplicaSet), or null for a bare pod
 */
public record PodRecord(String cluster, String namespace, String name, String node, String phase, boolean ready,
    List<String> images, Map<String, String> labels, ClusterObjectRef owner) {

  public PodRecord {
    images = Copies.sorted(images);
    labels = Copies.sorted(labels);
  }

  /** This pod's coordinates. */
  public ClusterObjectRef ref() {
    return new ClusterObjectRef(cluster, "Pod", namespace, name);
  }
}
