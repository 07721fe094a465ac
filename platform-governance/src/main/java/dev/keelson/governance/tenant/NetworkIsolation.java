package dev.keelson.governance.tenant;

import java.util.List;
import java.util.Optional;

/**
 * How a tenant's namespaces are isolated: by default nothing gets in or out, except traffic between the tenant's
 * own namespaces, DNS to {@code kube-system}, ingress from the ingress controller's namespace and egress to listed
 * CIDRs.
 *
 * <pre>{@code
 * NetworkIsolation.defaults().withIngressControllerNamespace("ingress-nginx").withEgressCidrs(List.of("10.0.0.0/8"));
 * }</pre>
 *
 * @param defaultDeny deny all ingress and egress not allowed below
 * @param allowWithinTenant allow traffic between the tenant's namespaces
 * @param allowDns allow DNS (UDP and TCP 53) to {@code kube-system}
 * @param ingressControllerNamespace the namespace ingress traffic may come from
 * @param egressCidrs CIDRs the tenant's pods may reach
 */
public record NetworkIsolation(boolean defaultDeny, boolean allowWithinTenant, boolean allowDns,
    Optional<String> ingressControllerNamespace, List<String> egressCidrs) {

  public NetworkIsolation {
    ingressControllerNamespace = ingressControllerNamespace == null ? Optional.empty() : ingressControllerNamespace;
    egressCidrs = List.copyOf(egressCidrs);
  }

  /** Default deny, traffic within the tenant and DNS allowed. */
  public static NetworkIsolation defaults() {
    return new NetworkIsolation(true, true, true, Optional.empty(), List.of());
  }

  /** No network policies at all. */
  public static NetworkIsolation none() {
    return new NetworkIsolation(false, false, false, Optional.empty(), List.of());
  }

  public NetworkIsolation withIngressControllerNamespace(String namespace) {
    return new NetworkIsolation(defaultDeny, allowWithinTenant, allowDns, Optional.of(namespace), egressCidrs);
  }

  public NetworkIsolation withEgressCidrs(List<String> cidrs) {
    return new NetworkIsolation(defaultDeny, allowWithinTenant, allowDns, ingressControllerNamespace, cidrs);
  }
}
