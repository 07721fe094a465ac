package dev.keelson.governance.compliance;

import dev.keelson.core.inventory.Inventory;
import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.ObjectVerdict;
import dev.keelson.governance.policy.PolicyEngine;
import dev.keelson.governance.policy.PolicyResult;
import dev.keelson.governance.policy.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the policy engine over the whole cluster and checks tenant conformance: every namespace belongs to a tenant
 * and has quota, limits, a network policy and an enforced Pod Security level. Scores each tenant and places the
 * platform on the maturity path L1–L4.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.builder().podSecurity(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST)
 *     .rules(BestPractices.all()).build();
 * ComplianceReport report = Compliance.on(client).engine(engine).build().run();
 * }</pre>
 */
public final class Compliance {
  /** Namespaces that belong to the platform itself, not to tenants; not checked. */
  public static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease",
      "default", "keelson-system");
  private static final Set<String> GOLDEN_PATH_RULES = Set.of("requests-limits", "readiness-probe", "image-tag");

  private final KubernetesClient client;
  private final PolicyEngine engine;
  private final Set<String> excluded;
  private final Clock clock;

  private Compliance(Builder b) {
    this.client = b.client;
    this.engine = Objects.requireNonNull(b.engine, "engine: set the policy engine to run");
    this.excluded = Set.copyOf(b.excluded);
    this.clock = b.clock;
  }

  public static Builder on(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  public ComplianceReport run() {
    List<Namespace> namespaces = client.namespaces().list().getItems().stream()
        .filter(n -> !excluded.contains(n.getMetadata().getName())).sorted(java.util.Comparator.comparing(
            n -> n.getMetadata().getName())).toList();
    Set<String> names = new HashSet<>();
    namespaces.forEach(n -> names.add(n.getMetadata().getName()));
    List<HasMetadata> objects = objects(names);
    PolicyResult policy = engine.evaluate(objects);

    List<NamespaceConformance> conformance = new ArrayList<>();
    for (Namespace ns : namespaces) {
      String name = ns.getMetadata().getName();
      Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
      List<ObjectVerdict> inNamespace = policy.verdicts().stream()
          .filter(v -> name.equals(v.object().getMetadata().getNamespace())).toList();
      conformance.add(new NamespaceConformance(name, labels.getOrDefault(Inventory.TENANT_LABEL, ""),
          has(objects, name, "ResourceQuota"), has(objects, name, "LimitRange"), has(objects, name, "NetworkPolicy"),
          !labels.getOrDefault("pod-security.kubernetes.io/enforce", "privileged").equals("privileged"),
          inNamespace.size(), (int) inNamespace.stream().filter(ObjectVerdict::allowed).count()));
    }
    Map<String, List<NamespaceConformance>> byTenant = new TreeMap<>();
    conformance.stream().filter(c -> !c.tenant().isEmpty())
        .forEach(c -> byTenant.computeIfAbsent(c.tenant(), t -> new ArrayList<>()).add(c));
    List<TenantScore> tenants = byTenant.entrySet().stream().map(e -> TenantScore.of(e.getKey(), e.getValue()))
        .toList();
    List<String> nextSteps = new ArrayList<>();
    MaturityLevel level = level(objects, policy, conformance, nextSteps);
    return new ComplianceReport(clock.instant(), conformance, tenants, policy, level, nextSteps);
  }

  private MaturityLevel level(List<HasMetadata> objects, PolicyResult policy, List<NamespaceConformance> conformance,
      List<String> nextSteps) {
    boolean workloads = objects.stream().anyMatch(o -> Set.of("Deployment", "StatefulSet", "DaemonSet", "Job",
        "CronJob", "Pod").contains(o.getKind()));
    if (!workloads) {
      nextSteps.add("run a workload");
      return MaturityLevel.L0;
    }
    Set<String> offPath = new TreeSet<>();
    for (Finding f : policy.findings()) {
      if (GOLDEN_PATH_RULES.contains(f.rule())) {
        offPath.add(f.rule());
      }
    }
    if (!offPath.isEmpty()) {
      nextSteps.add("follow the golden path: findings of " + String.join(", ", offPath));
      return MaturityLevel.L1;
    }
    boolean governed = true;
    for (NamespaceConformance ns : conformance) {
      if (!ns.conformant()) {
        nextSteps.add("namespace " + ns.namespace() + " lacks " + String.join(", ", ns.missing()));
        governed = false;
      }
    }
    long severe = policy.findings().stream().filter(f -> f.severity() == Severity.CRITICAL
        || f.severity() == Severity.HIGH).count();
    if (severe > 0) {
      nextSteps.add("fix " + severe + " critical or high findings");
      governed = false;
    }
    if (!governed) {
      return MaturityLevel.L2;
    }
    Set<String> autoscaled = new HashSet<>();
    objects.stream().filter(o -> o.getKind().equals("HorizontalPodAutoscaler")).forEach(o -> {
      var hpa = (io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler) o;
      autoscaled.add(o.getMetadata().getNamespace() + "/" + hpa.getSpec().getScaleTargetRef().getKind() + "/"
          + hpa.getSpec().getScaleTargetRef().getName());
    });
    boolean sre = true;
    for (HasMetadata o : objects) {
      if (o instanceof Deployment d && !autoscaled.contains(d.getMetadata().getNamespace() + "/Deployment/"
          + d.getMetadata().getName())) {
        nextSteps.add("autoscale Deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName());
        sre = false;
      }
    }
    for (Finding f : policy.findings()) {
      if (f.rule().startsWith("pdb-")) {
        nextSteps.add("disruption budgets: " + f.message());
        sre = false;
      }
    }
    return sre ? MaturityLevel.L4 : MaturityLevel.L3;
  }

  private static boolean has(List<HasMetadata> objects, String namespace, String kind) {
    return objects.stream().anyMatch(o -> o.getKind().equals(kind) && namespace.equals(
        o.getMetadata().getNamespace()));
  }

  /** Everything the rules judge in the checked namespaces; pods only when no controller owns them. */
  private List<HasMetadata> objects(Set<String> namespaces) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    all.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    all.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    all.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    all.addAll(client.batch().v1().jobs().inAnyNamespace().list().getItems().stream()
        .filter(j -> j.getMetadata().getOwnerReferences() == null || j.getMetadata().getOwnerReferences().isEmpty())
        .toList());
    all.addAll(client.pods().inAnyNamespace().list().getItems().stream().filter(Compliance::unowned).toList());
    all.addAll(client.services().inAnyNamespace().list().getItems());
    all.addAll(client.network().v1().ingresses().inAnyNamespace().list().getItems());
    all.addAll(client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
    all.addAll(client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems());
    all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems());
    all.addAll(client.resourceQuotas().inAnyNamespace().list().getItems());
    all.addAll(client.limitRanges().inAnyNamespace().list().getItems());
    return all.stream().filter(o -> namespaces.contains(o.getMetadata().getNamespace())).toList();
  }

  private static boolean unowned(Pod pod) {
    return pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty();
  }

  /** Configures a compliance run. */
  public static final class Builder {
    private final KubernetesClient client;
    private PolicyEngine engine;
    private final Set<String> excluded = new HashSet<>(SYSTEM_NAMESPACES);
    private Clock clock = Clock.systemUTC();

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    /** The policy engine to run over the cluster. */
    public Builder engine(PolicyEngine value) {
      this.engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /** More namespaces not to check (the system ones never are). */
    public Builder exclude(String... namespaces) {
      excluded.addAll(List.of(namespaces));
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Compliance build() {
      return new Compliance(this);
    }
  }
}
