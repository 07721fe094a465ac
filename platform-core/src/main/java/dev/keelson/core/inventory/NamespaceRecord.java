package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.Map;

/**
 * A namespace and the tenant it belongs to, read from its {@value Inventory#TENANT_LABEL} label.
 *
 * <pre>{@code
 * snapshot.cluster("prod-eu").orElseThrow().namespaces().stream().filter(ns -> ns.tenant() == null)  // unowned
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param name the namespace's name
 * @param tenant the tenant, or null when the namespace carries no tenant label
 * @param labels its labels, sorted by key
 */
public record NamespaceRecord(String cluster, String name, String tenant, Map<String, String> labels) {

  public NamespaceRecord {
    labels = Copies.sorted(labels);
  }
}
