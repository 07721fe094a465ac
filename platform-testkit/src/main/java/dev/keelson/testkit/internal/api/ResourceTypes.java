package dev.keelson.testkit.internal.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The resources the simulated cluster knows: the built-in ones platform logic uses, plus any registered later. */
public final class ResourceTypes {

  private final Map<String, ResourceType> byPath = new ConcurrentHashMap<>();
  private final Map<String, ResourceType> byKind = new ConcurrentHashMap<>();

  public ResourceTypes() {
    builtIns().forEach(this::register);
  }

  public void register(ResourceType type) {
    byPath.put(type.apiVersion() + "/" + type.plural(), type);
    byKind.put(type.apiVersion() + "/" + type.kind(), type);
  }

  /** By URL parts, e.g. ("apps", "v1", "deployments"). */
  public Optional<ResourceType> byPlural(String group, String version, String plural) {
    String apiVersion = group.isEmpty() ? version : group + "/" + version;
    return Optional.ofNullable(byPath.get(apiVersion + "/" + plural));
  }

  /** By {@code apiVersion} and {@code kind} of an object. */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    return Optional.ofNullable(byKind.get(apiVersion + "/" + kind));
  }

  public Collection<ResourceType> all() {
    return byPath.values();
  }

  private static List<ResourceType> builtIns() {
    Map<String, ResourceType> t = new LinkedHashMap<>();
    // core/v1
    add(t, "", "v1", "Namespace", "namespaces", false, true);
    add(t, "", "v1", "Node", "nodes", false, true);
    add(t, "", "v1", "Pod", "pods", true, true);
    add(t, "", "v1", "Service", "services", true, true);
    add(t, "", "v1", "Endpoints", "endpoints", true, false);
    add(t, "", "v1", "ConfigMap", "configmaps", true, false);
    add(t, "", "v1", "Secret", "secrets", true, false);
    add(t, "", "v1", "ServiceAccount", "serviceaccounts", true, false);
    add(t, "", "v1", "Event", "events", true, false);
    add(t, "", "v1", "ResourceQuota", "resourcequotas", true, true);
    add(t, "", "v1", "LimitRange", "limitranges", true, false);
    add(t, "", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, true);
    add(t, "", "v1", "PersistentVolume", "persistentvolumes", false, true);
    add(t, "", "v1", "ReplicationController", "replicationcontrollers", true, true);
    add(t, "", "v1", "PodTemplate", "podtemplates", true, false);
    // apps/v1
    add(t, "apps", "v1", "Deployment", "deployments", true, true);
    add(t, "apps", "v1", "ReplicaSet", "replicasets", true, true);
    add(t, "apps", "v1", "StatefulSet", "statefulsets", true, true);
    add(t, "apps", "v1", "DaemonSet", "daemonsets", true, true);
    add(t, "apps", "v1", "ControllerRevision", "controllerrevisions", true, false);
    // batch/v1
    add(t, "batch", "v1", "Job", "jobs", true, true);
    add(t, "batch", "v1", "CronJob", "cronjobs", true, true);
    // autoscaling, policy, networking, gateway
    add(t, "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true);
    add(t, "autoscaling", "v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, true);
    add(t, "policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true);
    add(t, "networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, false);
    add(t, "networking.k8s.io", "v1", "Ingress", "ingresses", true, true);
    add(t, "networking.k8s.io", "v1", "IngressClass", "ingressclasses", false, false);
    add(t, "gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true, true);
    add(t, "gateway.networking.k8s.io", "v1", "Gateway", "gateways", true, true);
    add(t, "discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, false);
    // rbac, coordination, events, scheduling, storage, apiextensions
    add(t, "rbac.authorization.k8s.io", "v1", "Role", "roles", true, false);
    add(t, "rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false);
    add(t, "rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false);
    add(t, "rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false);
    add(t, "coordination.k8s.io", "v1", "Lease", "leases", true, false);
    add(t, "events.k8s.io", "v1", "Event", "events", true, false);
    add(t, "scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, false);
    add(t, "storage.k8s.io", "v1", "StorageClass", "storageclasses", false, false);
    add(t, "apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true);
    add(t, "wgpolicyk8s.io", "v1alpha2", "PolicyReport", "policyreports", true, false);
    add(t, "wgpolicyk8s.io", "v1alpha2", "ClusterPolicyReport", "clusterpolicyreports", false, false);
    return List.copyOf(t.values());
  }

  private static void add(Map<String, ResourceType> t, String group, String version, String kind, String plural,
      boolean namespaced, boolean status) {
    ResourceType type = new ResourceType(group, version, kind, plural, namespaced, status);
    t.put(type.apiVersion() + "/" + plural, type);
  }
}
