package dev.keelson.governance.tenant;

import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.SpecStyle;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.validation.Names;
import dev.keelson.core.validation.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A tenant: a team that owns namespaces in a shared cluster, one per environment, each with a quota, container
 * defaults, a Pod Security level, network isolation and RBAC for its people, under a tenant-wide quota that the
 * namespace quotas together may not exceed.
 *
 * <pre>{@code
 * TenantSpec shop = TenantSpec.builder().name("shop")
 *     .addOwners(Subject.group("shop-admins")).addDevelopers(Subject.group("shop-devs"))
 *     .addEnvironments("dev", "prod")
 *     .putNamespaceQuota("requests.cpu", "4").putNamespaceQuota("requests.memory", "8Gi")
 *     .putTotalQuota("requests.cpu", "8").putTotalQuota("requests.memory", "16Gi")
 *     .costCenter("cc-1042")
 *     .build();                        // SpecException lists every violation
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class TenantSpec {

  /** The tenant's name, a DNS label; recorded as {@code keelson.dev/tenant} on its namespaces. */
  public abstract String name();

  /** Tenant admins: bound to the {@code admin} ClusterRole in every namespace. */
  public abstract List<Subject> owners();

  /** Bound to the {@code edit} ClusterRole. */
  public abstract List<Subject> developers();

  /** Bound to the {@code view} ClusterRole. */
  public abstract List<Subject> viewers();

  /** Environments, one namespace each, e.g. {@code dev}, {@code prod}. */
  public abstract List<String> environments();

  /** How namespace names are made: {@code {tenant}} and {@code {env}} are replaced. */
  @Value.Default
  public String namespacePattern() {
    return "{tenant}-{env}";
  }

  /** Each namespace's ResourceQuota {@code hard}, e.g. {@code requests.cpu: 4}. */
  public abstract Map<String, String> namespaceQuota();

  /** Per-environment replacements of {@link #namespaceQuota()} entries. */
  public abstract Map<String, Map<String, String>> environmentQuota();

  /** The tenant-wide cap across all its namespaces; the namespace quotas together must fit in it. */
  public abstract Map<String, String> totalQuota();

  /** LimitRange {@code defaultRequest} for containers that set none. */
  public abstract Map<String, String> defaultRequests();

  /** LimitRange {@code default} limits for containers that set none. */
  public abstract Map<String, String> defaultLimits();

  @Value.Default
  public PodSecurity podSecurity() {
    return PodSecurity.restricted();
  }

  @Value.Default
  public NetworkIsolation network() {
    return NetworkIsolation.defaults();
  }

  /** Registries (prefixes) images may come from; recorded on the namespaces for policy checks. */
  public abstract List<String> allowedRegistries();

  public abstract List<String> allowedIngressClasses();

  public abstract List<String> allowedGatewayClasses();

  public abstract List<String> allowedStorageClasses();

  /** Recorded as {@code keelson.dev/cost-center} for cost allocation. */
  public abstract Optional<String> costCenter();

  /** The namespace of one environment. */
  public String namespace(String environment) {
    return namespacePattern().replace("{tenant}", name()).replace("{env}", environment);
  }

  /** Every namespace, in environment order. */
  @Value.Derived
  public List<String> namespaces() {
    return environments().stream().map(this::namespace).toList();
  }

  /** The quota of one environment's namespace: {@link #namespaceQuota()} with its environment's replacements. */
  public Map<String, String> quotaOf(String environment) {
    Map<String, String> quota = new java.util.TreeMap<>(namespaceQuota());
    quota.putAll(environmentQuota().getOrDefault(environment, Map.of()));
    return quota;
  }

  public static ImmutableTenantSpec.Builder builder() {
    return ImmutableTenantSpec.builder();
  }

  @Value.Check
  protected void check() {
    List<Violation> violations = new ArrayList<>();
    Names.dns1123Label(name()).forEach(m -> violations.add(new Violation("name", "dns-1123-label", m)));
    if (environments().isEmpty()) {
      violations.add(new Violation("environments", "required", "a tenant needs at least one environment"));
    }
    if (!namespacePattern().contains("{env}") && environments().size() > 1) {
      violations.add(new Violation("namespacePattern", "unique-namespaces",
          "must contain {env} when there are several environments"));
    }
    if (new HashSet<>(environments()).size() != environments().size()) {
      violations.add(new Violation("environments", "unique", "environments repeat: " + environments()));
    }
    if (violations.isEmpty()) {
      for (String env : environments()) {
        Names.dns1123Label(namespace(env)).forEach(m -> violations.add(new Violation("namespaces[" + env + "]",
            "dns-1123-label", "\"" + namespace(env) + "\": " + m)));
      }
    }
    environmentQuota().keySet().stream().filter(e -> !environments().contains(e)).forEach(e -> violations.add(
        new Violation("environmentQuota[" + e + "]", "known-environment", "no environment named " + e)));
    quantities("namespaceQuota", namespaceQuota(), violations);
    environmentQuota().forEach((env, q) -> quantities("environmentQuota[" + env + "]", q, violations));
    quantities("totalQuota", totalQuota(), violations);
    quantities("defaultRequests", defaultRequests(), violations);
    quantities("defaultLimits", defaultLimits(), violations);
    if (violations.isEmpty()) {
      checkTotal(violations);
    }
    if (!violations.isEmpty()) {
      throw new SpecException("TenantSpec \"" + name() + "\"", violations);
    }
  }

  /** The namespace quotas must all cap what the total caps, and together fit in it. */
  private void checkTotal(List<Violation> violations) {
    totalQuota().forEach((resource, total) -> {
      BigDecimal sum = BigDecimal.ZERO;
      for (String env : environments()) {
        String each = quotaOf(env).get(resource);
        if (each == null) {
          violations.add(new Violation("namespaceQuota." + resource, "total-enforceable", "the total caps "
              + resource + " but namespace " + namespace(env) + " has no quota for it, so the total could be "
              + "exceeded there"));
          return;
        }
        sum = sum.add(Quantities.parse(each));
      }
      if (sum.compareTo(Quantities.parse(total)) > 0) {
        violations.add(new Violation("totalQuota." + resource, "total-covers-namespaces", "the namespace quotas "
            + "add up to " + sum.stripTrailingZeros().toPlainString() + " " + resource + ", more than the tenant "
            + "total " + total));
      }
    });
  }

  private static void quantities(String path, Map<String, String> values, List<Violation> violations) {
    values.forEach((k, v) -> Quantities.validate(v).forEach(m -> violations.add(new Violation(path + "." + k,
        "quantity", "\"" + v + "\": " + m))));
  }
}
