package dev.keelson.testkit.internal.api;

import tools.jackson.databind.node.ObjectNode;

/**
 * One change in the store, as a watch delivers it.
 *
 * @param type {@code ADDED}, {@code MODIFIED}, {@code DELETED} (or {@code ERROR} for a watch failure)
 * @param resource the resource type changed
 * @param object the object after the change (for DELETED: its last state with the deletion's resourceVersion)
 * @param previous the object before the change, or null for ADDED
 * @param resourceVersion the store's resourceVersion after the change
 */
public record WatchEvent(String type, ResourceType resource, ObjectNode object, ObjectNode previous,
    long resourceVersion) {
}
