package dev.keelson.core.inventory;

import dev.keelson.core.internal.inventory.SnapshotJson;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An immutable copy of the inventory at one moment — the CMDB view: clusters, and in each its nodes, namespaces
 * (with tenants), workloads, pods and services. {@link #toJson()} is deterministic: the same state gives the same
 * bytes (clusters by name, lists in a fixed order, object keys sorted), so snapshots diff cleanly.
 *
 * <pre>{@code
 * InventorySnapshot snapshot = inventory.snapshot();
 * Files.writeString(Path.of("inventory.json"), snapshot.toJson());
 * InventorySnapshot again = InventorySnapshot.fromJson(Files.readString(Path.of("inventory.json")));  // equal
 * }</pre>
 *
 * @param clusters one entry per cluster, by name
 */
public record InventorySnapshot(List<ClusterSnapshot> clusters) {

  public InventorySnapshot {
    clusters = clusters == null ? List.of()
        : clusters.stream().sorted(Comparator.comparing(ClusterSnapshot::name)).toList();
  }

  /** The snapshot of one cluster. */
  public Optional<ClusterSnapshot> cluster(String name) {
    return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Pretty-printed JSON with sorted keys and {@code \n} line ends, the same bytes for the same state. */
  public String toJson() {
    return SnapshotJson.write(this);
  }

  /**
   * Reads a snapshot written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException when the text is not such a snapshot
   */
  public static InventorySnapshot fromJson(String json) {
    return SnapshotJson.read(json);
  }
}
