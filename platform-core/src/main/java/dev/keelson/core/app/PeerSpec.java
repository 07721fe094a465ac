package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A network peer of an app: pods by labels, namespaces by labels, or an IP block.
 *
 * <pre>{@code
 * PeerSpec.namespace(Map.of("kubernetes.io/metadata.name", "ingress-nginx"))
 * PeerSpec.cidr("10.0.0.0/8")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class PeerSpec {

  public abstract Map<String, String> namespaceLabels();

  public abstract Map<String, String> podLabels();

  public abstract Optional<String> cidr();

  public abstract List<String> except();

  public static ImmutablePeerSpec namespace(Map<String, String> labels) {
    return ImmutablePeerSpec.builder().putAllNamespaceLabels(labels).build();
  }

  public static ImmutablePeerSpec pods(Map<String, String> labels) {
    return ImmutablePeerSpec.builder().putAllPodLabels(labels).build();
  }

  public static ImmutablePeerSpec cidr(String cidr) {
    return ImmutablePeerSpec.builder().cidr(cidr).build();
  }

  public static ImmutablePeerSpec.Builder builder() {
    return ImmutablePeerSpec.builder();
  }
}
