package dev.keelson.core.inventory;

import java.util.Comparator;
import java.util.Objects;

/**
 * Which object, in which cluster: the coordinates the inventory answers with.
 *
 * <pre>{@code
 * ClusterObjectRef web = new ClusterObjectRef("prod-eu", "Deployment", "shop", "web");
 * web.toString();   // "prod-eu/Deployment/shop/web"
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param kind the Kubernetes kind, e.g. {@code ReplicaSet}
 * @param namespace the namespace, empty for cluster-scoped objects such as nodes
 * @param name the object's name
 */
public record ClusterObjectRef(String cluster, String kind, String namespace, String name)
    implements Comparable<ClusterObjectRef> {

  private static final Comparator<ClusterObjectRef> ORDER = Comparator.comparing(ClusterObjectRef::cluster)
      .thenComparing(ClusterObjectRef::namespace).thenComparing(ClusterObjectRef::kind).thenComparing(ClusterObjectRef::name);

  public ClusterObjectRef {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** Orders by cluster, namespace, kind, then name. */
  @Override
  public int compareTo(ClusterObjectRef other) {
    return ORDER.compare(this, other);
  }

  /** {@code cluster/kind/namespace/name}, or {@code cluster/kind/name} when cluster-scoped. */
  @Override
  public String toString() {
    return cluster + "/" + kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
