package dev.keelson.governance.policy;

import dev.keelson.governance.internal.policy.ContainerRules;
import dev.keelson.governance.internal.policy.ContextRules;
import dev.keelson.governance.internal.policy.ObjectRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The built-in best-practice rules, each a {@link PolicyRule} with a stable kebab-case ID: {@code requests-limits},
 * {@code readiness-probe}, {@code image-tag}, {@code image-registry} (when registries are configured),
 * {@code no-host-path}, {@code pdb-for-replicas}, {@code pdb-allows-disruption}, {@code hpa-range},
 * {@code service-selects-pods}, {@code network-policy}, {@code ingress-tls}, {@code read-only-root-filesystem},
 * {@code no-privilege-escalation}. Golden-path output of platform-core passes all of them.
 *
 * <pre>{@code
 * List<PolicyRule> rules = BestPractices.builder()
 *     .allowedRegistries("registry.example.com")
 *     .production(o -> o.getMetadata().getNamespace().endsWith("-prod"))
 *     .build();
 * }</pre>
 */
public final class BestPractices {
  private BestPractices() {
  }

  /** Every best practice with default options (no registry restriction, every workload counts as production). */
  public static List<PolicyRule> all() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of the best-practice rules. */
  public static final class Builder {
    private final List<String> registries = new ArrayList<>();
    private Predicate<HasMetadata> production = o -> true;
    private int budgetReplicas = 2;

    private Builder() {
    }

    /** Registries (or registry path prefixes) images may come from; turns on {@code image-registry}. */
    public Builder allowedRegistries(String... registries) {
      this.registries.addAll(List.of(registries));
      return this;
    }

    /** Which workloads are production, for {@code pdb-for-replicas}; default every workload. */
    public Builder production(Predicate<HasMetadata> production) {
      this.production = Objects.requireNonNull(production, "production");
      return this;
    }

    /** From how many replicas {@code pdb-for-replicas} wants a budget; default 2. */
    public Builder budgetFromReplicas(int replicas) {
      if (replicas < 1) {
        throw new IllegalArgumentException("budgetFromReplicas: must be at least 1, got " + replicas);
      }
      this.budgetReplicas = replicas;
      return this;
    }

    public List<PolicyRule> build() {
      List<PolicyRule> rules = new ArrayList<>(List.of(
          new ContainerRules.RequestsLimits(),
          new ContainerRules.ReadinessProbe(),
          new ContainerRules.ImageTag()));
      if (!registries.isEmpty()) {
        rules.add(new ContainerRules.ImageRegistry(registries));
      }
      rules.addAll(List.of(
          new ContainerRules.NoHostPath(),
          new ContextRules.PdbForReplicas(production, budgetReplicas),
          new ObjectRules.PdbAllowsDisruption(),
          new ObjectRules.HpaRange(),
          new ContextRules.ServiceSelectsPods(),
          new ContextRules.NetworkPolicyCoverage(),
          new ObjectRules.IngressTls(),
          new ContainerRules.ReadOnlyRootFilesystem(),
          new ContainerRules.NoPrivilegeEscalation()));
      return List.copyOf(rules);
    }
  }
}
