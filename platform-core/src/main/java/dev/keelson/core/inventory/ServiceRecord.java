package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.List;
import java.util.Map;

/**
 * A service, its selector and the pods that back it.
 *
 * <pre>{@code
 * snapshot.cluster("prod-eu").orElseThrow().services().stream()
 *     .filter(s -> !s.selector().isEmpty() && s.backingPods().isEmpty())      // selects nothing: a broken service
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param namespace its namespace
 * @param name its name
 * @param type {@code ClusterIP}, {@code NodePort}, {@code LoadBalancer} or {@code ExternalName}
 * @param selector its pod selector, sorted by key; empty for a service without one
 * @param backingPods the names of the pods it selects that have not terminated, sorted
 */
public record ServiceRecord(String cluster, String namespace, String name, String type, Map<String, String> selector,
    List<String> backingPods) {

  public ServiceRecord {
    selector = Copies.sorted(selector);
    backingPods = Copies.sorted(backingPods);
  }
}
