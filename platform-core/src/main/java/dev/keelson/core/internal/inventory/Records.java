package dev.keelson.core.internal.inventory;

import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.inventory.NamespaceRecord;
import dev.keelson.core.inventory.NodeRecord;
import dev.keelson.core.inventory.ClusterObjectRef;
import dev.keelson.core.inventory.PodRecord;
import dev.keelson.core.inventory.ServiceRecord;
import dev.keelson.core.inventory.WorkloadRecord;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Turns cached fabric8 objects into the inventory's records. */
final class Records {

  private Records() {
  }

  static PodRecord pod(String cluster, Pod pod) {
    PodSpec spec = pod.getSpec();
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    boolean ready = pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return new PodRecord(cluster, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        spec == null ? null : spec.getNodeName(), phase, ready, images(spec), pod.getMetadata().getLabels(),
        controllerOf(cluster, pod));
  }

  static NodeRecord node(String cluster, Node node) {
    boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    boolean schedulable = node.getSpec() == null || !Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    return new NodeRecord(cluster, node.getMetadata().getName(), ready, schedulable, node.getMetadata().getLabels());
  }

  static NamespaceRecord namespace(String cluster, Namespace namespace) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return new NamespaceRecord(cluster, namespace.getMetadata().getName(),
        labels == null ? null : labels.get(Inventory.TENANT_LABEL), labels);
  }

  static ServiceRecord service(String cluster, Service service, List<String> backingPods) {
    return new ServiceRecord(cluster, service.getMetadata().getNamespace(), service.getMetadata().getName(),
        service.getSpec() == null || service.getSpec().getType() == null ? "ClusterIP" : service.getSpec().getType(),
        service.getSpec() == null ? Map.of() : service.getSpec().getSelector(), backingPods);
  }

  static WorkloadRecord workload(String cluster, WatchedKind kind, HasMetadata workload) {
    Workloads.Replicas replicas = Workloads.replicas(workload);
    return new WorkloadRecord(cluster, kind.kind(), workload.getMetadata().getNamespace(),
        workload.getMetadata().getName(), images(Workloads.podSpec(workload)), replicas.desired(), replicas.ready(),
        controllerOf(cluster, workload));
  }

  /** A workload record for a pod that no controller owns. */
  static WorkloadRecord barePod(String cluster, Pod pod) {
    return new WorkloadRecord(cluster, "Pod", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        images(pod.getSpec()), null, null, null);
  }

  /** The images of a pod spec's containers and init containers, distinct. */
  static List<String> images(PodSpec spec) {
    if (spec == null) {
      return List.of();
    }
    return Stream.concat(stream(spec.getInitContainers()), stream(spec.getContainers()))
        .map(Container::getImage).filter(Objects::nonNull).distinct().toList();
  }

  /** The owner reference marked as controller, else the first one, else null. */
  static OwnerReference controllerReference(HasMetadata obj) {
    List<OwnerReference> owners = obj.getMetadata().getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      return null;
    }
    return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(owners.get(0));
  }

  /** The object's controller as a reference in the same namespace (or cluster-scoped where the kind is). */
  static ClusterObjectRef controllerOf(String cluster, HasMetadata obj) {
    OwnerReference owner = controllerReference(obj);
    if (owner == null) {
      return null;
    }
    boolean namespaced = WatchedKind.of(owner.getKind()).map(WatchedKind::namespaced).orElse(true);
    return new ClusterObjectRef(cluster, owner.getKind(), namespaced ? obj.getMetadata().getNamespace() : "",
        owner.getName());
  }

  private static Stream<Container> stream(List<Container> containers) {
    return containers == null ? Stream.empty() : containers.stream();
  }
}
