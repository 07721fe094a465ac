package dev.keelson.core.internal.plan;

import dev.keelson.core.ObjectRef;
import java.util.Comparator;
import java.util.List;

/**
 * The order objects are written in: what others need first (namespaces, CRDs), then RBAC and configuration, then
 * workloads and their Services, then routes, then anything else (custom resources, webhooks). Deletes run in the
 * reverse order.
 */
public final class ApplyOrder {
  private static final List<List<String>> TIERS = List.of(
      List.of("Namespace", "CustomResourceDefinition.apiextensions.k8s.io"),
      List.of("PriorityClass.scheduling.k8s.io", "StorageClass.storage.k8s.io", "ServiceAccount",
          "ClusterRole.rbac.authorization.k8s.io", "Role.rbac.authorization.k8s.io",
          "ClusterRoleBinding.rbac.authorization.k8s.io", "RoleBinding.rbac.authorization.k8s.io",
          "ResourceQuota", "LimitRange", "NetworkPolicy.networking.k8s.io", "Secret", "ConfigMap",
          "PersistentVolume", "PersistentVolumeClaim", "PodDisruptionBudget.policy", "IngressClass.networking.k8s.io"),
      List.of("Service", "Deployment.apps", "StatefulSet.apps", "DaemonSet.apps", "ReplicaSet.apps", "Pod",
          "Job.batch", "CronJob.batch", "HorizontalPodAutoscaler.autoscaling"),
      List.of("Ingress.networking.k8s.io", "Gateway.gateway.networking.k8s.io",
          "HTTPRoute.gateway.networking.k8s.io", "GRPCRoute.gateway.networking.k8s.io"));
  private static final int OTHER = TIERS.size();

  /** Objects in apply order: by tier, kind, namespace and name. */
  public static final Comparator<ObjectRef> APPLY = Comparator.comparingInt(ApplyOrder::tier)
      .thenComparingInt(ApplyOrder::indexInTier).thenComparing(Comparator.naturalOrder());

  private ApplyOrder() {
  }

  /** 0 for namespaces and CRDs … 3 for routes, 4 for everything else. */
  public static int tier(ObjectRef ref) {
    String gk = ref.groupKind();
    for (int i = 0; i < TIERS.size(); i++) {
      if (TIERS.get(i).contains(gk)) {
        return i;
      }
    }
    return OTHER;
  }

  private static int indexInTier(ObjectRef ref) {
    int tier = tier(ref);
    return tier == OTHER ? 0 : TIERS.get(tier).indexOf(ref.groupKind());
  }
}
