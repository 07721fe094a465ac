package dev.keelson.core.internal.inventory;

import dev.keelson.core.inventory.ClusterSnapshot;
import dev.keelson.core.inventory.NamespaceRecord;
import dev.keelson.core.inventory.NodeRecord;
import dev.keelson.core.inventory.PodRecord;
import dev.keelson.core.inventory.ServiceRecord;
import dev.keelson.core.inventory.WorkloadRecord;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;

/** Copies one cluster's caches into a {@link ClusterSnapshot}. */
public final class Snapshots {

  private Snapshots() {
  }

  /** What the caches hold now; each kind is read once, so kinds may be a watch event apart. */
  public static ClusterSnapshot of(ClusterCache cache) {
    String cluster = cache.name();
    List<NodeRecord> nodes = cache.<Node>list(WatchedKind.NODE).stream().map(n -> Records.node(cluster, n)).toList();
    List<NamespaceRecord> namespaces = cache.<Namespace>list(WatchedKind.NAMESPACE).stream()
        .map(n -> Records.namespace(cluster, n)).toList();
    List<WorkloadRecord> workloads = new ArrayList<>();
    for (WatchedKind kind : Relations.WORKLOAD_KINDS) {
      for (HasMetadata w : cache.list(kind)) {
        workloads.add(Records.workload(cluster, kind, w));
      }
    }
    List<PodRecord> pods = cache.<Pod>list(WatchedKind.POD).stream().map(p -> Records.pod(cluster, p)).toList();
    List<ServiceRecord> services = cache.<Service>list(WatchedKind.SERVICE).stream()
        .map(s -> Records.service(cluster, s,
            Relations.backingPods(cache, s).stream().map(p -> p.getMetadata().getName()).toList()))
        .toList();
    return new ClusterSnapshot(cluster, cache.cluster().labels(), nodes, namespaces, workloads, pods, services);
  }
}
