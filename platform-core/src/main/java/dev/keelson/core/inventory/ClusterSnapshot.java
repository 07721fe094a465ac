package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything the inventory knows about one cluster at one moment, each list in a fixed order (by namespace, then
 * kind, then name).
 *
 * <pre>{@code
 * ClusterSnapshot eu = inventory.snapshot().cluster("prod-eu").orElseThrow();
 * long notReady = eu.pods().stream().filter(p -> !p.ready()).count();
 * }</pre>
 *
 * @param name the cluster's name
 * @param labels the cluster's labels
 * @param nodes its nodes
 * @param namespaces its namespaces
 * @param workloads its Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs
 * @param pods its pods
 * @param services its services
 */
public record ClusterSnapshot(String name, Map<String, String> labels, List<NodeRecord> nodes,
    List<NamespaceRecord> namespaces, List<WorkloadRecord> workloads, List<PodRecord> pods,
    List<ServiceRecord> services) {

  public ClusterSnapshot {
    labels = Copies.sorted(labels);
    nodes = sorted(nodes, Comparator.comparing(NodeRecord::name));
    namespaces = sorted(namespaces, Comparator.comparing(NamespaceRecord::name));
    workloads = sorted(workloads, Comparator.comparing(WorkloadRecord::ref));
    pods = sorted(pods, Comparator.comparing(PodRecord::ref));
    services = sorted(services, Comparator.comparing(ServiceRecord::namespace).thenComparing(ServiceRecord::name));
  }

  private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
    return list == null ? List.of() : list.stream().sorted(order).toList();
  }
}
