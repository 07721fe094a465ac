package dev.keelson.governance.internal.policy;

import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.PodTemplate;
import dev.keelson.governance.policy.PolicyContext;
import dev.keelson.governance.policy.PolicyInput;
import dev.keelson.governance.policy.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Best practices that judge an object among the others of a bundle or cluster. */
public final class ContextRules {
  private ContextRules() {
  }

  /** The replicas a workload runs: its autoscaler's minimum if one targets it, else spec.replicas (default 1). */
  static int replicas(HasMetadata w, PolicyContext context) {
    var hpa = context.autoscalerFor(w);
    if (hpa.isPresent()) {
      Integer min = hpa.get().getSpec().getMinReplicas();
      return min == null ? 1 : min;
    }
    Integer replicas = null;
    if (w instanceof Deployment d && d.getSpec() != null) {
      replicas = d.getSpec().getReplicas();
    } else if (w instanceof StatefulSet s && s.getSpec() != null) {
      replicas = s.getSpec().getReplicas();
    } else if (w instanceof ReplicaSet r && r.getSpec() != null) {
      replicas = r.getSpec().getReplicas();
    } else {
      return 0;
    }
    return replicas == null ? 1 : replicas;
  }

  /** Whether any of the objects (budgets, network policies) has a selector selecting these pod labels. */
  static <T> boolean anySelects(List<T> objects, Function<T, LabelSelector> selector, Map<String, String> labels) {
    for (T o : objects) {
      if (Selectors.matches(selector.apply(o), labels)) {
        return true;
      }
    }
    return false;
  }

  /** {@code pdb-for-replicas}: replicated production workloads have a disruption budget. */
  public static final class PdbForReplicas extends BaseRule {
    private final Predicate<HasMetadata> production;
    private final int minReplicas;

    public PdbForReplicas(Predicate<HasMetadata> production, int minReplicas) {
      super("pdb-for-replicas", Severity.MEDIUM,
          "A production workload with " + minReplicas + " or more replicas has a PodDisruptionBudget selecting its "
              + "pods, so drains keep it serving.",
          "add a PodDisruptionBudget (maxUnavailable: 1) whose selector matches the pod template labels");
      this.production = production;
      this.minReplicas = minReplicas;
    }

    @Override
    public boolean needsContext() {
      return true;
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!input.context().complete() || input.podTemplate().isEmpty() || !production.test(input.object())) {
        return List.of();
      }
      int replicas = replicas(input.object(), input.context());
      if (replicas < minReplicas) {
        return List.of();
      }
      if (anySelects(input.context().disruptionBudgetsIn(input.namespace()),
          pdb -> pdb.getSpec() == null ? null : pdb.getSpec().getSelector(), input.podTemplate().get().labels())) {
        return List.of();
      }
      return List.of(finding(input.podTemplate().get().path("metadata.labels"), input.object().getKind() + " \""
          + input.object().getMetadata().getName() + "\" runs " + replicas
          + " replicas but no PodDisruptionBudget selects its pods"));
    }
  }

  /** {@code service-selects-pods}: a Service's selector matches some pod. */
  public static final class ServiceSelectsPods extends BaseRule {
    public ServiceSelectsPods() {
      super("service-selects-pods", Severity.MEDIUM,
          "A Service with a selector selects the pods of some workload, so it has endpoints.",
          "make spec.selector match the pod template labels of the workload it fronts");
    }

    @Override
    public boolean needsContext() {
      return true;
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!input.context().complete() || !(input.object() instanceof Service svc) || svc.getSpec() == null
          || svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()
          || "ExternalName".equals(svc.getSpec().getType())) {
        return List.of();
      }
      Map<String, String> selector = svc.getSpec().getSelector();
      for (HasMetadata w : input.context().workloadsIn(input.namespace())) {
        if (PodTemplate.of(w).map(t -> Selectors.matches(selector, t.labels())).orElse(false)) {
          return List.of();
        }
      }
      return List.of(finding("spec.selector", "Service \"" + svc.getMetadata().getName() + "\" selects " + selector
          + " but no pod has those labels"));
    }
  }

  /** {@code network-policy}: every pod is selected by a NetworkPolicy. */
  public static final class NetworkPolicyCoverage extends BaseRule {
    public NetworkPolicyCoverage() {
      super("network-policy", Severity.MEDIUM,
          "Every pod is selected by a NetworkPolicy in its namespace, so its traffic is allowed deliberately.",
          "add a NetworkPolicy whose podSelector matches the pod template labels");
    }

    @Override
    public boolean needsContext() {
      return true;
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!input.context().complete() || input.podTemplate().isEmpty()) {
        return List.of();
      }
      if (anySelects(input.context().networkPoliciesIn(input.namespace()),
          np -> np.getSpec() == null ? null : np.getSpec().getPodSelector(), input.podTemplate().get().labels())) {
        return List.of();
      }
      return List.of(finding(input.podTemplate().get().path("metadata.labels"), input.object().getKind() + " \""
          + input.object().getMetadata().getName() + "\": no NetworkPolicy in its namespace selects its pods"));
    }
  }
}
