/**
 * Internal: the inventory's informers and caches, the relation queries over them, image matching and snapshot JSON.
 * Not part of the public API; use {@code dev.keelson.core.inventory}.
 */
package dev.keelson.core.internal.inventory;
