package dev.keelson.governance.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.spec.SpecException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class TenantSpecTest {

  public static ImmutableTenantSpec.Builder shop() {
    return TenantSpec.builder().name("shop")
        .addOwners(Subject.group("shop-admins")).addDevelopers(Subject.group("shop-devs"))
        .addViewers(Subject.serviceAccount("monitoring", "grafana"))
        .addEnvironments("dev", "prod")
        .putNamespaceQuota("requests.cpu", "4").putNamespaceQuota("requests.memory", "8Gi")
        .putNamespaceQuota("pods", "40")
        .putTotalQuota("requests.cpu", "8").putTotalQuota("requests.memory", "16Gi")
        .putDefaultRequest("cpu", "100m").putDefaultRequest("memory", "128Mi").putDefaultLimit("memory", "256Mi")
        .network(NetworkIsolation.defaults().withIngressControllerNamespace("ingress-nginx")
            .withEgressCidrs(List.of("10.20.0.0/16")))
        .addAllowedRegistries("registry.example.com/shop/")
        .costCenter("cc-1042");
  }

  @Test
  void rendersEveryNamespaceWithItsGuardrails() {
    List<HasMetadata> objects = Tenants.render(shop().build());

    assertThat(objects).extracting(o -> o.getKind() + " " + (o.getMetadata().getNamespace() == null ? ""
        : o.getMetadata().getNamespace() + "/") + o.getMetadata().getName())
        .containsExactly(
            "Namespace shop-dev", "ResourceQuota shop-dev/tenant-quota", "LimitRange shop-dev/tenant-defaults",
            "NetworkPolicy shop-dev/default-deny", "NetworkPolicy shop-dev/allow-within-tenant",
            "NetworkPolicy shop-dev/allow-dns", "NetworkPolicy shop-dev/allow-ingress-controller",
            "NetworkPolicy shop-dev/allow-egress-cidrs", "RoleBinding shop-dev/tenant-admin",
            "RoleBinding shop-dev/tenant-developer", "RoleBinding shop-dev/tenant-viewer",
            "Namespace shop-prod", "ResourceQuota shop-prod/tenant-quota", "LimitRange shop-prod/tenant-defaults",
            "NetworkPolicy shop-prod/default-deny", "NetworkPolicy shop-prod/allow-within-tenant",
            "NetworkPolicy shop-prod/allow-dns", "NetworkPolicy shop-prod/allow-ingress-controller",
            "NetworkPolicy shop-prod/allow-egress-cidrs", "RoleBinding shop-prod/tenant-admin",
            "RoleBinding shop-prod/tenant-developer", "RoleBinding shop-prod/tenant-viewer");
    Namespace prod = (Namespace) objects.get(11);
    assertThat(prod.getMetadata().getLabels())
        .containsEntry("keelson.dev/tenant", "shop").containsEntry("keelson.dev/environment", "prod")
        .containsEntry("keelson.dev/cost-center", "cc-1042")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
        .containsEntry("pod-security.kubernetes.io/enforce-version", "latest")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    assertThat(prod.getMetadata().getAnnotations())
        .containsEntry("keelson.dev/tenant-quota", "requests.cpu=8,requests.memory=16Gi")
        .containsEntry("keelson.dev/allowed-registries", "registry.example.com/shop/");
    assertThat(((ResourceQuota) objects.get(12)).getSpec().getHard()).containsOnlyKeys("pods", "requests.cpu",
        "requests.memory");
  }

  @Test
  void environmentQuotasReplaceTheDefaultForTheirNamespace() {
    TenantSpec tenant = shop().putEnvironmentQuota("dev", Map.of("requests.cpu", "1")).build();

    assertThat(tenant.quotaOf("dev")).containsEntry("requests.cpu", "1").containsEntry("pods", "40");
    assertThat(tenant.quotaOf("prod")).containsEntry("requests.cpu", "4");
  }

  @Test
  void namespaceQuotasThatAddUpToMoreThanTheTotalAreRejected() {
    assertThatThrownBy(() -> shop().putTotalQuota("requests.cpu", "6").build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(v -> v.path() + " [" + v.rule() + "] " + v.message())
            .containsExactly("totalQuota.requests.cpu [total-covers-namespaces] the namespace quotas add up to 8 "
                + "requests.cpu, more than the tenant total 6"));
  }

  @Test
  void aTotalOverAResourceANamespaceDoesNotCapIsRejected() {
    assertThatThrownBy(() -> shop().putTotalQuota("limits.memory", "32Gi").build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.path()).isEqualTo("namespaceQuota.limits.memory");
              assertThat(v.rule()).isEqualTo("total-enforceable");
            }));
  }

  @Test
  void everyViolationIsListed() {
    assertThatThrownBy(() -> TenantSpec.builder().name("Shop_Team").addEnvironments("dev", "dev")
        .putNamespaceQuota("requests.cpu", "four").build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(v -> v.path() + " [" + v.rule() + "]")
            .contains("name [dns-1123-label]", "environments [unique]", "namespaceQuota.requests.cpu [quantity]"));
  }
}
