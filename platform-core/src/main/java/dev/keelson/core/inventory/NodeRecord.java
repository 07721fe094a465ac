package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.Copies;
import java.util.Map;

/**
 * A node as the inventory sees it.
 *
 * <pre>{@code
 * snapshot.cluster("prod-eu").orElseThrow().nodes().stream().filter(n -> !n.ready()).forEach(n -> alert(n.name()));
 * }</pre>
 *
 * @param cluster the cluster's name
 * @param name the node's name
 * @param ready whether its {@code Ready} condition is true
 * @param schedulable false when cordoned ({@code spec.unschedulable})
 * @param labels its labels, sorted by key (zone, instance type, ...)
 */
public record NodeRecord(String cluster, String name, boolean ready, boolean schedulable, Map<String, String> labels) {

  public NodeRecord {
    labels = Copies.sorted(labels);
  }
}
