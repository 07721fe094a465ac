package dev.keelson.governance.quota;

import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.validation.Quantities;
import dev.keelson.governance.internal.tenant.TenantRenderer;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers whether a planned change fits: the namespace's ResourceQuotas (hard − used, from their status) and, for
 * a tenant's namespace, the tenant-wide total across all its namespaces, which per-namespace quotas alone would
 * let a tenant overshoot. Release gates ask it before a rollout's surge or a canary's extra pods.
 *
 * <pre>{@code
 * Headroom h = QuotaHeadroom.on(client).check("shop-prod", ResourceDemand.ofScaleTo(web, 10));
 * h.fits();          // false
 * h.shortfalls();    // requests.cpu short by 1 in tenant shop (hard 8, used 7500m, needed 1500m)
 * }</pre>
 */
public final class QuotaHeadroom {
  private final KubernetesClient client;

  private QuotaHeadroom(KubernetesClient client) {
    this.client = client;
  }

  public static QuotaHeadroom on(KubernetesClient client) {
    return new QuotaHeadroom(Objects.requireNonNull(client, "client"));
  }

  /** Whether {@code demand} fits in {@code namespace}; a line per quota resource the demand needs. */
  public Headroom check(String namespace, ResourceDemand demand) {
    List<Headroom.Line> lines = new ArrayList<>();
    for (ResourceQuota quota : quotas(namespace)) {
      Map<String, Quantity> hard = quota.getSpec() == null ? Map.of() : orEmpty(quota.getSpec().getHard());
      hard.forEach((resource, limit) -> {
        BigDecimal needed = demand.of(resource);
        if (needed.signum() > 0) {
          lines.add(new Headroom.Line(resource, Headroom.Scope.NAMESPACE, quota.getMetadata().getName(),
              amount(limit), used(quota, resource), needed));
        }
      });
    }
    tenantOf(namespace).ifPresent(tenant -> {
      Map<String, String> total = tenantTotal(tenant);
      total.forEach((resource, limit) -> {
        BigDecimal needed = demand.of(resource);
        if (needed.signum() > 0) {
          lines.add(new Headroom.Line(resource, Headroom.Scope.TENANT, tenant, Quantities.parse(limit),
              tenantUsed(tenant, resource), needed));
        }
      });
    });
    return new Headroom(namespace, lines);
  }

  /** Hard, used and free per quota resource: every quota of the tenant's namespaces, then the tenant total. */
  public List<QuotaUsage> usage(String tenant) {
    List<QuotaUsage> usage = new ArrayList<>();
    for (Namespace ns : tenantNamespaces(tenant)) {
      String name = ns.getMetadata().getName();
      for (ResourceQuota quota : quotas(name)) {
        Map<String, Quantity> hard = quota.getSpec() == null ? Map.of() : orEmpty(quota.getSpec().getHard());
        new java.util.TreeMap<>(hard).forEach((resource, limit) -> usage.add(new QuotaUsage(name,
            quota.getMetadata().getName(), resource, amount(limit), used(quota, resource))));
      }
    }
    new java.util.TreeMap<>(tenantTotal(tenant)).forEach((resource, limit) -> usage.add(new QuotaUsage("", tenant,
        resource, Quantities.parse(limit), tenantUsed(tenant, resource))));
    return usage;
  }

  private Optional<String> tenantOf(String namespace) {
    Namespace ns = client.namespaces().withName(namespace).get();
    if (ns == null || ns.getMetadata().getLabels() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(ns.getMetadata().getLabels().get(Inventory.TENANT_LABEL));
  }

  /** The total recorded on the tenant's namespaces (the same on each; the first one that has it wins). */
  private Map<String, String> tenantTotal(String tenant) {
    for (Namespace ns : tenantNamespaces(tenant)) {
      Map<String, String> annotations = ns.getMetadata().getAnnotations();
      if (annotations != null && annotations.containsKey(TenantRenderer.TENANT_QUOTA_ANNOTATION)) {
        return TenantRenderer.split(annotations.get(TenantRenderer.TENANT_QUOTA_ANNOTATION));
      }
    }
    return Map.of();
  }

  private BigDecimal tenantUsed(String tenant, String resource) {
    BigDecimal used = BigDecimal.ZERO;
    for (Namespace ns : tenantNamespaces(tenant)) {
      // Several quotas of one namespace each count the same pods: take the largest, do not add them up.
      BigDecimal inNamespace = BigDecimal.ZERO;
      for (ResourceQuota quota : quotas(ns.getMetadata().getName())) {
        inNamespace = inNamespace.max(used(quota, resource));
      }
      used = used.add(inNamespace);
    }
    return used;
  }

  private List<Namespace> tenantNamespaces(String tenant) {
    return client.namespaces().withLabel(Inventory.TENANT_LABEL, tenant).list().getItems().stream()
        .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
  }

  private List<ResourceQuota> quotas(String namespace) {
    return client.resourceQuotas().inNamespace(namespace).list().getItems().stream()
        .sorted(Comparator.comparing(q -> q.getMetadata().getName())).toList();
  }

  private static BigDecimal used(ResourceQuota quota, String resource) {
    Map<String, Quantity> used = quota.getStatus() == null ? Map.of() : orEmpty(quota.getStatus().getUsed());
    Quantity q = used.get(resource);
    if (q == null && (resource.equals("cpu") || resource.equals("memory"))) {
      q = used.get("requests." + resource);
    } else if (q == null && resource.startsWith("requests.")) {
      q = used.get(resource.substring("requests.".length()));
    }
    return q == null ? BigDecimal.ZERO : amount(q);
  }

  private static BigDecimal amount(Quantity q) {
    return Quantities.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat()));
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
