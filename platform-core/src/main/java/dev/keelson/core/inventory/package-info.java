/**
 * The inventory, a CMDB view kept live by informers: {@link dev.keelson.core.inventory.Inventory} watches the nodes,
 * namespaces, workloads, pods and services of a cluster or a fleet and answers relation queries from its caches;
 * {@link dev.keelson.core.inventory.InventorySnapshot} is an immutable copy that writes deterministic JSON. Records
 * ({@link dev.keelson.core.inventory.PodRecord}, {@link dev.keelson.core.inventory.WorkloadRecord}, ...) are what
 * queries and snapshots hold.
 */
package dev.keelson.core.inventory;
