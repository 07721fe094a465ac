package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of objects one object is judged among: a rendered bundle, the files given to {@code keelson check}, or a
 * cluster snapshot. Rules that {@linkplain PolicyRule#needsContext() need context} look up PodDisruptionBudgets,
 * NetworkPolicies, autoscalers and workloads here, by namespace.
 *
 * <pre>{@code
 * PolicyContext context = PolicyContext.of(Keelson.renderer().render(app));
 * context.disruptionBudgetsIn("shop");
 * }</pre>
 */
public final class PolicyContext {

  private static final PolicyContext NONE = new PolicyContext(List.of(), false);

  private final List<HasMetadata> objects;
  private final boolean complete;
  private final Map<String, List<HasMetadata>> workloads = new HashMap<>();
  private final Map<String, List<PodDisruptionBudget>> budgets = new HashMap<>();
  private final Map<String, List<NetworkPolicy>> networkPolicies = new HashMap<>();
  private final Map<String, HorizontalPodAutoscaler> autoscalers = new HashMap<>();

  private PolicyContext(Collection<? extends HasMetadata> objects, boolean complete) {
    this.objects = List.copyOf(objects);
    this.complete = complete;
    for (HasMetadata o : this.objects) {
      String ns = namespace(o);
      if (o instanceof PodDisruptionBudget pdb) {
        budgets.computeIfAbsent(ns, k -> new ArrayList<>()).add(pdb);
      } else if (o instanceof NetworkPolicy np) {
        networkPolicies.computeIfAbsent(ns, k -> new ArrayList<>()).add(np);
      } else if (o instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null
          && hpa.getSpec().getScaleTargetRef() != null) {
        autoscalers.put(ns + "/" + hpa.getSpec().getScaleTargetRef().getKind() + "/"
            + hpa.getSpec().getScaleTargetRef().getName(), hpa);
      } else if (PodTemplate.of(o).isPresent()) {
        workloads.computeIfAbsent(ns, k -> new ArrayList<>()).add(o);
      }
    }
  }

  /** A context of these objects: context-dependent rules judge each object among them. */
  public static PolicyContext of(Collection<? extends HasMetadata> objects) {
    return new PolicyContext(Objects.requireNonNull(objects, "objects"), true);
  }

  /** No context: an object judged alone, e.g. in admission; context-dependent rules do not run. */
  public static PolicyContext none() {
    return NONE;
  }

  /** Whether this is a whole set of objects that context-dependent rules may judge. */
  public boolean complete() {
    return complete;
  }

  public List<HasMetadata> objects() {
    return objects;
  }

  /** The objects that carry a pod (Pods and workloads) in a namespace. */
  public List<HasMetadata> workloadsIn(String namespace) {
    return workloads.getOrDefault(namespace, List.of());
  }

  public List<PodDisruptionBudget> disruptionBudgetsIn(String namespace) {
    return budgets.getOrDefault(namespace, List.of());
  }

  public List<NetworkPolicy> networkPoliciesIn(String namespace) {
    return networkPolicies.getOrDefault(namespace, List.of());
  }

  /** The autoscaler whose scale target is this object, if any. */
  public Optional<HorizontalPodAutoscaler> autoscalerFor(HasMetadata object) {
    return Optional.ofNullable(autoscalers.get(namespace(object) + "/" + object.getKind() + "/"
        + object.getMetadata().getName()));
  }

  /** An object's namespace, or the empty string for cluster-scoped or unset. */
  public static String namespace(HasMetadata object) {
    return object.getMetadata() == null || object.getMetadata().getNamespace() == null ? ""
        : object.getMetadata().getNamespace();
  }
}
