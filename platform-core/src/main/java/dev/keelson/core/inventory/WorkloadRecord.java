package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.List;

/**
 * A workload — Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (or a bare Pod where a query reports
 * one) — with the images of its pod template.
 *
 * <pre>{@code
 * inventory.workloadsRunningImage("registry.example.com/shop/web")
 *     .forEach(w -> log.info("{} {}", w.ref(), w.images()));
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param kind the workload's kind
 * @param namespace its namespace
 * @param name its name
 * @param images the images of its pod template's containers and init containers, sorted
 * @param replicas the replicas it asks for (for DaemonSets: the nodes it should run on); null for Jobs, CronJobs
 *     and Pods
 * @param readyReplicas how many of those are ready; null where {@code replicas} is
 * @param owner its controller (a ReplicaSet's Deployment, a Job's CronJob), or null
 */
public record WorkloadRecord(String cluster, String kind, String namespace, String name, List<String> images,
    Integer replicas, Integer readyReplicas, ClusterObjectRef owner) {

  public WorkloadRecord {
    images = Copies.sorted(images);
  }

  /** This workload's coordinates. */
  public ClusterObjectRef ref() {
    return new ClusterObjectRef(cluster, kind, namespace, name);
  }
}
