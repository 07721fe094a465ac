package dev.keelson.governance.internal.policy;

import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.PodTemplate;
import dev.keelson.governance.policy.PolicyInput;
import dev.keelson.governance.policy.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/** Best practices judged on a PodDisruptionBudget, an autoscaler or an Ingress. */
public final class ObjectRules {
  private ObjectRules() {
  }

  /** {@code pdb-allows-disruption}: a budget that allows no voluntary disruption blocks every node drain. */
  public static final class PdbAllowsDisruption extends BaseRule {
    public PdbAllowsDisruption() {
      super("pdb-allows-disruption", Severity.HIGH,
          "A PodDisruptionBudget allows at least one voluntary disruption, so nodes can be drained.",
          "set maxUnavailable to at least 1, or minAvailable below the replica count");
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!(input.object() instanceof PodDisruptionBudget pdb) || pdb.getSpec() == null) {
        return List.of();
      }
      String name = "PodDisruptionBudget \"" + pdb.getMetadata().getName() + "\"";
      IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
      if (maxUnavailable != null && isZero(maxUnavailable)) {
        return List.of(finding("spec.maxUnavailable", name + " sets maxUnavailable " + text(maxUnavailable)
            + ": no pod may ever be evicted"));
      }
      IntOrString minAvailable = pdb.getSpec().getMinAvailable();
      if (minAvailable == null) {
        return List.of();
      }
      if ("100%".equals(minAvailable.getStrVal())) {
        return List.of(finding("spec.minAvailable", name + " sets minAvailable 100%: no pod may ever be evicted"));
      }
      if (minAvailable.getIntVal() != null && input.context().complete()) {
        for (HasMetadata w : input.context().workloadsIn(input.namespace())) {
          int replicas = ContextRules.replicas(w, input.context());
          if (PodTemplate.of(w).map(t -> Selectors.matches(pdb.getSpec().getSelector(), t.labels())).orElse(false)
              && replicas > 0 && minAvailable.getIntVal() >= replicas) {
            return List.of(finding("spec.minAvailable", name + " sets minAvailable " + minAvailable.getIntVal()
                + " but " + w.getKind() + " \"" + w.getMetadata().getName() + "\" runs " + replicas
                + ": no pod may ever be evicted"));
          }
        }
      }
      return List.of();
    }

    private static boolean isZero(IntOrString v) {
      return v.getIntVal() != null ? v.getIntVal() == 0 : "0".equals(v.getStrVal()) || "0%".equals(v.getStrVal());
    }

    private static String text(IntOrString v) {
      return v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal();
    }
  }

  /** {@code hpa-range}: an autoscaler's minimum is at most its maximum, and below it. */
  public static final class HpaRange extends BaseRule {
    public HpaRange() {
      super("hpa-range", Severity.MEDIUM,
          "A HorizontalPodAutoscaler has minReplicas at most maxReplicas and is not pinned (min = max).",
          "set minReplicas below maxReplicas");
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!(input.object() instanceof HorizontalPodAutoscaler hpa) || hpa.getSpec() == null
          || hpa.getSpec().getMaxReplicas() == null) {
        return List.of();
      }
      int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
      int max = hpa.getSpec().getMaxReplicas();
      String name = "HorizontalPodAutoscaler \"" + hpa.getMetadata().getName() + "\"";
      if (min > max) {
        return List.of(finding("spec.minReplicas", name + " has minReplicas " + min + " above maxReplicas " + max));
      }
      if (min == max) {
        return List.of(finding("spec.maxReplicas", name + " is pinned at " + min + " replicas (minReplicas = "
            + "maxReplicas), so it never scales"));
      }
      return List.of();
    }
  }

  /** {@code ingress-tls}: Ingresses terminate TLS. */
  public static final class IngressTls extends BaseRule {
    public IngressTls() {
      super("ingress-tls", Severity.MEDIUM, "Every Ingress serves TLS for its hosts.",
          "add spec.tls with the hosts and a certificate Secret");
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (!(input.object() instanceof Ingress ingress) || ingress.getSpec() == null) {
        return List.of();
      }
      return ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty()
          ? List.of(finding("spec.tls", "Ingress \"" + ingress.getMetadata().getName() + "\" has no TLS"))
          : List.of();
    }
  }
}
