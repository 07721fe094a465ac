package dev.keelson.testkit.internal.api;

import tools.jackson.databind.node.ObjectNode;

/**
 * A mutating or validating admission step of the simulated API server (LimitRange defaulting, ResourceQuota,
 * Pod Security, ...). Runs on create and update of the main resource, before the object is stored.
 */
public interface Admission {

  /** The kind of write being admitted. */
  enum Operation { CREATE, UPDATE, DELETE }

  /**
   * Admits a write: may change {@code object} in place (mutation) or throw an {@link ApiException} (rejection).
   *
   * @param old the stored object for UPDATE and DELETE (read only: it may be the stored version itself), null for
   *     CREATE
   */
  void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun);
}
