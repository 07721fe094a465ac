package dev.keelson.core.inventory;

/**
 * One change the inventory has taken in: the object, and whether it appeared, changed or went away. Listeners are
 * told after the inventory's caches hold the change, so a query made from the listener already sees it.
 *
 * <pre>{@code
 * inventory.addListener(change -> {
 *   if (change.type() == InventoryChange.Type.DELETED && change.ref().kind().equals("Node")) {
 *     alert("node gone: " + change.ref());
 *   }
 * });
 * }</pre>
 *
 * @param type added, updated or deleted
 * @param ref the object
 */
public record InventoryChange(Type type, ClusterObjectRef ref) {

  /** What happened to the object. */
  public enum Type { ADDED, UPDATED, DELETED }
}
