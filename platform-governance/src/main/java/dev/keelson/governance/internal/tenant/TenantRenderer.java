package dev.keelson.governance.internal.tenant;

import dev.keelson.core.inventory.Inventory;
import dev.keelson.governance.tenant.NetworkIsolation;
import dev.keelson.governance.tenant.Subject;
import dev.keelson.governance.tenant.TenantSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A tenant's objects: per namespace the Namespace, quota, limits, network policies and role bindings. */
public final class TenantRenderer {
  public static final String ENVIRONMENT_LABEL = "keelson.dev/environment";
  public static final String COST_CENTER_LABEL = "keelson.dev/cost-center";
  public static final String TENANT_QUOTA_ANNOTATION = "keelson.dev/tenant-quota";
  public static final String ALLOWED_REGISTRIES_ANNOTATION = "keelson.dev/allowed-registries";

  private TenantRenderer() {
  }

  public static List<HasMetadata> render(TenantSpec tenant) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String env : tenant.environments()) {
      String ns = tenant.namespace(env);
      objects.add(namespace(tenant, env, ns));
      if (!tenant.quotaOf(env).isEmpty()) {
        objects.add(new ResourceQuotaBuilder().withMetadata(meta(tenant, ns, "tenant-quota")).withNewSpec()
            .withHard(quantities(tenant.quotaOf(env))).endSpec().build());
      }
      if (!tenant.defaultRequests().isEmpty() || !tenant.defaultLimits().isEmpty()) {
        objects.add(new LimitRangeBuilder().withMetadata(meta(tenant, ns, "tenant-defaults")).withNewSpec()
            .addNewLimit().withType("Container").withDefaultRequest(quantities(tenant.defaultRequests()))
            .withDefault(quantities(tenant.defaultLimits())).endLimit().endSpec().build());
      }
      objects.addAll(networkPolicies(tenant, ns));
      binding(tenant, ns, "tenant-admin", "admin", tenant.owners()).ifPresent(objects::add);
      binding(tenant, ns, "tenant-developer", "edit", tenant.developers()).ifPresent(objects::add);
      binding(tenant, ns, "tenant-viewer", "view", tenant.viewers()).ifPresent(objects::add);
    }
    return objects;
  }

  private static HasMetadata namespace(TenantSpec tenant, String env, String ns) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(Inventory.TENANT_LABEL, tenant.name());
    labels.put(ENVIRONMENT_LABEL, env);
    tenant.costCenter().ifPresent(c -> labels.put(COST_CENTER_LABEL, c));
    String version = tenant.podSecurity().version();
    labels.put("pod-security.kubernetes.io/enforce", tenant.podSecurity().enforce());
    labels.put("pod-security.kubernetes.io/enforce-version", version);
    labels.put("pod-security.kubernetes.io/audit", tenant.podSecurity().audit());
    labels.put("pod-security.kubernetes.io/audit-version", version);
    labels.put("pod-security.kubernetes.io/warn", tenant.podSecurity().audit());
    labels.put("pod-security.kubernetes.io/warn-version", version);
    Map<String, String> annotations = new TreeMap<>();
    if (!tenant.totalQuota().isEmpty()) {
      annotations.put(TENANT_QUOTA_ANNOTATION, join(tenant.totalQuota()));
    }
    list(annotations, ALLOWED_REGISTRIES_ANNOTATION, tenant.allowedRegistries());
    list(annotations, "keelson.dev/allowed-ingress-classes", tenant.allowedIngressClasses());
    list(annotations, "keelson.dev/allowed-gateway-classes", tenant.allowedGatewayClasses());
    list(annotations, "keelson.dev/allowed-storage-classes", tenant.allowedStorageClasses());
    return new NamespaceBuilder().withNewMetadata().withName(ns).withLabels(labels).withAnnotations(
        annotations.isEmpty() ? null : annotations).endMetadata().build();
  }

  private static List<HasMetadata> networkPolicies(TenantSpec tenant, String ns) {
    NetworkIsolation net = tenant.network();
    List<HasMetadata> policies = new ArrayList<>();
    if (net.defaultDeny()) {
      policies.add(new NetworkPolicyBuilder().withMetadata(meta(tenant, ns, "default-deny")).withNewSpec()
          .withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec().build());
    }
    if (net.allowWithinTenant()) {
      NetworkPolicyPeer sameTenant = new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
          .addToMatchLabels(Inventory.TENANT_LABEL, tenant.name()).endNamespaceSelector().build();
      policies.add(new NetworkPolicyBuilder().withMetadata(meta(tenant, ns, "allow-within-tenant")).withNewSpec()
          .withNewPodSelector().endPodSelector().addNewIngress().withFrom(sameTenant).endIngress()
          .addNewEgress().withTo(sameTenant).endEgress().withPolicyTypes("Ingress", "Egress").endSpec().build());
    }
    if (net.allowDns()) {
      policies.add(new NetworkPolicyBuilder().withMetadata(meta(tenant, ns, "allow-dns")).withNewSpec()
          .withNewPodSelector().endPodSelector().addNewEgress()
          .addNewTo().withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
          .endNamespaceSelector().withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector()
          .endTo()
          .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
          .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
          .endEgress().withPolicyTypes("Egress").endSpec().build());
    }
    net.ingressControllerNamespace().ifPresent(controller -> policies.add(new NetworkPolicyBuilder()
        .withMetadata(meta(tenant, ns, "allow-ingress-controller")).withNewSpec().withNewPodSelector()
        .endPodSelector().addNewIngress().addNewFrom().withNewNamespaceSelector()
        .addToMatchLabels("kubernetes.io/metadata.name", controller).endNamespaceSelector().endFrom().endIngress()
        .withPolicyTypes("Ingress").endSpec().build()));
    if (!net.egressCidrs().isEmpty()) {
      var egress = new NetworkPolicyBuilder().withMetadata(meta(tenant, ns, "allow-egress-cidrs")).withNewSpec()
          .withNewPodSelector().endPodSelector().addNewEgress();
      for (String cidr : net.egressCidrs()) {
        egress = egress.addNewTo().withNewIpBlock().withCidr(cidr).endIpBlock().endTo();
      }
      policies.add(egress.endEgress().withPolicyTypes("Egress").endSpec().build());
    }
    return policies;
  }

  private static java.util.Optional<HasMetadata> binding(TenantSpec tenant, String ns, String name, String role,
      List<Subject> subjects) {
    if (subjects.isEmpty()) {
      return java.util.Optional.empty();
    }
    var builder = new RoleBindingBuilder().withMetadata(meta(tenant, ns, name)).withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef();
    for (Subject s : subjects) {
      builder.addToSubjects(new SubjectBuilder().withKind(s.kind()).withName(s.name())
          .withApiGroup(s.kind().equals("ServiceAccount") ? null : "rbac.authorization.k8s.io")
          .withNamespace(s.namespace().isEmpty() ? null : s.namespace()).build());
    }
    return java.util.Optional.of(builder.build());
  }

  private static ObjectMeta meta(TenantSpec tenant, String ns, String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(ns).addToLabels(Inventory.TENANT_LABEL,
        tenant.name()).build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, new Quantity(v)));
    return out.isEmpty() ? null : out;
  }

  /** {@code requests.cpu=8,requests.memory=16Gi}, sorted. */
  public static String join(Map<String, String> quota) {
    return new TreeMap<>(quota).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  /** The inverse of {@link #join}. */
  public static Map<String, String> split(String value) {
    Map<String, String> out = new TreeMap<>();
    if (value != null) {
      for (String part : value.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
      }
    }
    return out;
  }

  private static void list(Map<String, String> annotations, String key, List<String> values) {
    if (!values.isEmpty()) {
      annotations.put(key, String.join(",", values));
    }
  }
}
