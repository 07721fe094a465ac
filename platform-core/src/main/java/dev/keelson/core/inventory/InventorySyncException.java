package dev.keelson.core.inventory;

import java.util.List;

/**
 * Thrown by {@link Inventory#awaitSynced(java.time.Duration)} when some clusters' caches have not been filled in
 * time; the message names each such cluster, the kinds still missing and the last error seen there (e.g. the API
 * server refusing connections).
 *
 * <pre>{@code
 * try {
 *   inventory.awaitSynced(Duration.ofSeconds(30));
 * } catch (InventorySyncException e) {
 *   log.warn("serving a partial inventory, missing {}", e.unsyncedClusters());
 * }
 * }</pre>
 */
public final class InventorySyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> unsyncedClusters;

  InventorySyncException(String message, List<String> unsyncedClusters) {
    super(message);
    this.unsyncedClusters = List.copyOf(unsyncedClusters);
  }

  /** The names of the clusters not yet synced, sorted. */
  public List<String> unsyncedClusters() {
    return unsyncedClusters;
  }
}
