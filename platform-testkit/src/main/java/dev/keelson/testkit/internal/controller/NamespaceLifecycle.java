package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NamespaceLifecycle admission plugin: namespaced objects can only be created in a namespace that exists and
 * is not terminating.
 */
public final class NamespaceLifecycle implements Admission {

  private final ObjectStore store;
  private final ResourceType namespaces;

  public NamespaceLifecycle(ObjectStore store, ResourceTypes types) {
    this.store = store;
    this.namespaces = types.byKind("v1", "Namespace").orElseThrow();
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (operation != Operation.CREATE || !type.namespaced()) {
      return;
    }
    String ns = Json.text(object, "metadata", "namespace");
    ObjectNode namespace = ns == null ? null : store.stored(namespaces, null, ns);
    if (namespace == null) {
      throw new ApiException(404, "NotFound", "namespaces \"" + ns + "\" not found", "namespaces", ns, List.of(),
          null);
    }
    if (namespace.path("metadata").has("deletionTimestamp")) {
      String name = Json.text(object, "metadata", "name");
      throw ApiException.forbidden(type, name == null ? Json.text(object, "metadata", "generateName") : name,
          "unable to create new content in namespace " + ns + " because it is being terminated");
    }
  }
}
