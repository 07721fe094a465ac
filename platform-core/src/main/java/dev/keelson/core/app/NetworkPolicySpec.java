package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * The app's own NetworkPolicy: who may reach its Service ports, and optionally whom it may reach.
 *
 * <p>With no {@link #ingressFrom()} peers, only pods of the same namespace may connect. Egress is unrestricted
 * unless {@link #restrictEgress()}; then only {@link #egressTo()} peers and, with {@link #allowDns()}, DNS in
 * {@code kube-system} are allowed.
 *
 * <pre>{@code
 * NetworkPolicySpec.builder()
 *     .addIngressFrom(PeerSpec.namespace(Map.of("kubernetes.io/metadata.name", "ingress-nginx")))
 *     .restrictEgress(true).addEgressTo(PeerSpec.cidr("10.20.0.0/16"))
 *     .build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class NetworkPolicySpec {

  public abstract List<PeerSpec> ingressFrom();

  @Value.Default
  public boolean restrictEgress() {
    return false;
  }

  public abstract List<PeerSpec> egressTo();

  @Value.Default
  public boolean allowDns() {
    return true;
  }

  public static ImmutableNetworkPolicySpec.Builder builder() {
    return ImmutableNetworkPolicySpec.builder();
  }

  /** Ingress from the same namespace only; egress unrestricted. */
  public static ImmutableNetworkPolicySpec sameNamespace() {
    return builder().build();
  }
}
