package dev.keelson.testkit.internal.api;

import dev.keelson.testkit.internal.api.defaults.ApiDefaults;
import dev.keelson.testkit.internal.merge.Schema;
import dev.keelson.testkit.internal.merge.ServerSideApply;
import dev.keelson.testkit.internal.merge.StrategicMergePatch;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's write and read semantics, independent of HTTP: create, update, status and scale updates,
 * the four patch types, server-side apply, deletion with finalizers, decoding (API defaults and canonical
 * quantities, before admission), admission and field management. The HTTP
 * dispatcher and the in-process controllers both go through it, as kubectl and kube-controller-manager both go
 * through kube-apiserver.
 */
public final class ApiServer {

  /** The kinds of PATCH bodies the API server accepts. */
  public enum PatchType { JSON, MERGE, STRATEGIC, APPLY }

  private final ResourceTypes types;
  private final ObjectStore store;
  private final ServerSideApply ssa;
  private final StrategicMergePatch strategic;
  private final List<Admission> admission = new CopyOnWriteArrayList<>();

  public ApiServer(ResourceTypes types, ObjectStore store) {
    this.types = types;
    this.store = store;
    Schema schema = new Schema();
    this.ssa = new ServerSideApply(schema);
    this.strategic = new StrategicMergePatch(schema);
  }

  public ResourceTypes types() {
    return types;
  }

  public ObjectStore store() {
    return store;
  }

  public void addAdmission(Admission step) {
    admission.add(step);
  }

  public ResourceType type(String apiVersion, String kind) {
    return types.byKind(apiVersion, kind).orElseThrow(() -> ApiException.badRequest(
        "no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\""));
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    return store.require(type, namespace, name);
  }

  public ObjectNode create(ResourceType type, String namespace, ObjectNode object, String manager, boolean dryRun) {
    return createStored(type, namespace, object, manager, dryRun).deepCopy();
  }

  /**
   * {@link #create}, answered with the stored object itself rather than a copy: for callers that only read the
   * answer (serialize it, take its name) or drop it. Never modify it.
   */
  public ObjectNode createStored(ResourceType type, String namespace, ObjectNode object, String manager,
      boolean dryRun) {
    ObjectNode o = object.deepCopy();
    checkNamespace(type, namespace, o);
    if (type.namespaced()) {
      Json.metadata(o).put("namespace", namespace);
    }
    ObjectNode meta = Json.metadata(o);
    String generateName = Json.text(meta, "generateName");
    String name = Json.text(meta, "name");
    if ((name == null || name.isEmpty()) && generateName != null && !generateName.isEmpty()) {
      // The API server names the object before admission, so quota and limit errors name the generated pod.
      meta.put("name", store.generateName(type, namespace, generateName));
    }
    if (type.statusSubresource()) {
      o.remove("status");
    }
    Decoding.body(type, o);
    JobValidation.validate(type, o);
    admit(type, Admission.Operation.CREATE, o, null, dryRun);
    // o is this write's own copy: managedFields go into it, and the store keeps it.
    o = ssa.recordUpdateInPlace(null, o, manager, null, store.clock().instant());
    if (isNamespace(type)) {
      // The registry's PrepareForCreate runs after the field manager: nobody owns what it adds.
      ApiDefaults.prepareNamespaceForCreate(o);
    }
    if (dryRun) {
      return o;
    }
    return store.insert(type, namespace, o);
  }

  /** PUT of the main resource: status is kept from the stored object when the type has a status subresource. */
  public ObjectNode update(ResourceType type, String namespace, ObjectNode object, String manager, boolean dryRun) {
    return updateStored(type, namespace, object, manager, dryRun).deepCopy();
  }

  /** {@link #update}, answered with the stored object itself (see {@link #createStored}). */
  public ObjectNode updateStored(ResourceType type, String namespace, ObjectNode object, String manager,
      boolean dryRun) {
    String name = Json.text(object, "metadata", "name");
    ObjectNode old = store.requireStored(type, namespace, name);
    ObjectNode o = object.deepCopy();
    checkNamespace(type, namespace, o);
    if (type.statusSubresource()) {
      JsonNode status = old.get("status");
      o.remove("status");
      if (status != null) {
        // A copy: admission may change the object it admits, and the stored status must stay as it is.
        o.set("status", status.deepCopy());
      }
    }
    Decoding.body(type, o);
    return write(type, namespace, old, o, manager, null, dryRun);
  }

  /** PUT of the status subresource: only status changes. */
  public ObjectNode updateStatus(ResourceType type, String namespace, ObjectNode object, String manager,
      boolean dryRun) {
    return updateStatusStored(type, namespace, object, manager, dryRun).deepCopy();
  }

  /** {@link #updateStatus}, answered with the stored object itself (see {@link #createStored}). */
  public ObjectNode updateStatusStored(ResourceType type, String namespace, ObjectNode object, String manager,
      boolean dryRun) {
    String name = Json.text(object, "metadata", "name");
    ObjectNode old = store.requireStored(type, namespace, name);
    // No admission runs on status writes, so the new version may refer to the stored one's unchanged parts: only
    // its root and metadata objects are new, as they are written to, and the status is a copy of the caller's.
    ObjectNode o = shallowCopy(old);
    if (old.get("metadata") instanceof ObjectNode meta) {
      o.set("metadata", shallowCopy(meta));
    }
    JsonNode status = object.get("status");
    o.remove("status");
    if (status != null) {
      o.set("status", status.deepCopy());
    }
    Decoding.bodyStatus(type, o);
    String expected = Json.text(object, "metadata", "resourceVersion");
    if (expected != null) {
      Json.metadata(o).put("resourceVersion", expected);
    }
    return write(type, namespace, old, o, manager, "status", dryRun);
  }

  private static ObjectNode shallowCopy(ObjectNode object) {
    ObjectNode copy = object.objectNode();
    copy.setAll(object);
    return copy;
  }

  public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType, String body,
      String subresource, String manager, boolean force, boolean dryRun) {
    if (patchType == PatchType.APPLY) {
      return apply(type, namespace, name, body, subresource, manager, force, dryRun);
    }
    ObjectNode old = store.require(type, namespace, name);
    ObjectNode patched;
    try {
      patched = switch (patchType) {
        case JSON -> (ObjectNode) JsonPatch.apply(Json.parse(body), old);
        case MERGE -> mergePatch(old, Json.parseObject(body, false));
        case STRATEGIC -> strategic.apply(old, Json.parseObject(body, false), old.path("apiVersion").asString(""),
            type.kind());
        default -> throw new IllegalStateException(patchType.toString());
      };
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ApiException(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + e.getMessage(),
          type.kind(), name, List.of(), null);
    }
    if ("status".equals(subresource)) {
      return updateStatusFrom(type, namespace, old, patched, manager, patchType, body, dryRun);
    }
    if (type.statusSubresource()) {
      patched.remove("status");
      if (old.get("status") != null) {
        patched.set("status", old.get("status"));
      }
    }
    Decoding.patched(type, patched, patchType, body);
    // A patch carries no resourceVersion precondition unless the patch itself set one.
    return write(type, namespace, old, patched, manager, null, dryRun).deepCopy();
  }

  private ObjectNode updateStatusFrom(ResourceType type, String namespace, ObjectNode old, ObjectNode patched,
      String manager, PatchType patchType, String body, boolean dryRun) {
    ObjectNode o = old.deepCopy();
    o.remove("status");
    if (patched.get("status") != null) {
      o.set("status", patched.get("status"));
    }
    Decoding.patchedStatus(type, o, patched, patchType, body);
    return write(type, namespace, old, o, manager, "status", dryRun).deepCopy();
  }

  private ObjectNode apply(ResourceType type, String namespace, String name, String body, String subresource,
      String manager, boolean force, boolean dryRun) {
    if (manager == null || manager.isEmpty()) {
      throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required "
          + "value: is required for apply patch", null, null, List.of(), null);
    }
    ObjectNode config;
    try {
      config = Json.parseObject(body, true);
    } catch (RuntimeException e) {
      throw ApiException.badRequest("error decoding YAML: " + e.getMessage());
    }
    String configName = Json.text(config, "metadata", "name");
    if (configName != null && !configName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + configName
          + ") does not match the name on the URL (" + name + ")");
    }
    Json.metadata(config).put("name", name);
    ObjectNode live = store.get(type, namespace, name);
    ServerSideApply.ApplyResult result;
    try {
      result = ssa.apply(live, config, manager, null, force, store.clock().instant(),
          merged -> Decoding.applied(type, namespace, name, merged));
    } catch (ServerSideApply.ApplyConflictException e) {
      List<ApiException.Cause> causes = e.conflicts().stream()
          .map(c -> new ApiException.Cause("FieldManagerConflict", "conflict with " + c.manager(), c.field()))
          .toList();
      throw new ApiException(409, "Conflict", e.getMessage(), type.plural(), name, causes, null);
    }
    ObjectNode merged = result.object();
    if (live == null) {
      checkNamespace(type, namespace, merged);
      if (type.namespaced()) {
        Json.metadata(merged).put("namespace", namespace);
      }
      if (type.statusSubresource()) {
        merged.remove("status");
        // Reads decode the stored object again, so what defaulting gives a status shows even on create.
        Decoding.applied(type, namespace, name, merged);
      }
      if (isNamespace(type)) {
        ApiDefaults.prepareNamespaceForCreate(merged);
      }
      JobValidation.validate(type, merged);
      admit(type, Admission.Operation.CREATE, merged, null, dryRun);
      return dryRun ? merged : store.create(type, namespace, merged);
    }
    if (!result.changed()) {
      return live;
    }
    if (type.statusSubresource() && !"status".equals(subresource)) {
      merged.remove("status");
      if (live.get("status") != null) {
        merged.set("status", live.get("status"));
      }
    }
    Json.metadata(merged).remove("resourceVersion");
    JobValidation.validate(type, merged);
    admit(type, Admission.Operation.UPDATE, merged, live, dryRun);
    return dryRun ? merged : deleteIfFinalized(type, namespace, store.update(type, namespace, merged));
  }

  /**
   * Admits (main resource only), records managedFields and stores {@code updated}, which this write owns: each of
   * its parts is either its own or a node of the stored {@code old} (read only). Answers the stored version.
   */
  private ObjectNode write(ResourceType type, String namespace, ObjectNode old, ObjectNode updated, String manager,
      String subresource, boolean dryRun) {
    if (subresource == null) {
      JobValidation.validate(type, updated);
      admit(type, Admission.Operation.UPDATE, updated, old, dryRun);
    }
    // Parts equal to the stored ones become the stored ones, so that comparing the two (for managedFields, then
    // in the store) skips them at once.
    VersionSharing.adopt(updated, old);
    ObjectNode o = ssa.recordUpdateInPlace(old, updated, manager, subresource, store.clock().instant());
    // Read only either way: a dry run's answer shares the stored version's unchanged parts.
    if (dryRun) {
      return o;
    }
    ObjectNode stored = store.replaceOwned(type, namespace, o);
    return subresource == null ? deleteIfFinalized(type, namespace, stored) : stored;
  }

  /**
   * The registry's {@code ShouldDeleteDuringUpdate}: an object being deleted (grace period over) whose last
   * finalizer an update removed is deleted by that update. Watchers see the update, then the deletion.
   */
  private ObjectNode deleteIfFinalized(ResourceType type, String namespace, ObjectNode stored) {
    JsonNode meta = stored.path("metadata");
    if (!meta.has("deletionTimestamp") || !meta.path("finalizers").isEmpty()
        || meta.path("deletionGracePeriodSeconds").asLong(0) != 0 || isNamespace(type)) {
      return stored;
    }
    return store.remove(type, namespace, meta.path("name").asString());
  }

  /**
   * Deletes an object the way the API server does, with the object's default grace period (see
   * {@link #delete(ResourceType, String, String, String, Long, boolean)}).
   *
   * @param propagation {@code Background}, {@code Foreground}, {@code Orphan}, or null for the type's default
   */
  public ObjectNode delete(ResourceType type, String namespace, String name, String propagation, boolean dryRun) {
    return delete(type, namespace, name, propagation, null, dryRun);
  }

  /**
   * Deletes an object the way the API server does: objects with finalizers (or a foreground/orphan propagation
   * policy, which adds one) are only marked with a deletionTimestamp; the garbage collector finishes the job.
   * A pod bound to a node and not finished is deleted gracefully: it is marked with {@code deletionTimestamp} =
   * now + grace period and {@code deletionGracePeriodSeconds}, and stays (Terminating) until its kubelet has
   * stopped the containers and deletes it with grace period 0. A later delete may only shorten the period.
   *
   * @param propagation {@code Background}, {@code Foreground}, {@code Orphan}, or null for the type's default
   * @param gracePeriodSeconds {@code DeleteOptions.gracePeriodSeconds}, or null for the object's default (a pod's
   *     {@code spec.terminationGracePeriodSeconds}, else 30)
   */
  public ObjectNode delete(ResourceType type, String namespace, String name, String propagation,
      Long gracePeriodSeconds, boolean dryRun) {
    ObjectNode old = store.require(type, namespace, name);
    admit(type, Admission.Operation.DELETE, old.deepCopy(), old, dryRun);
    if (type.group().isEmpty() && type.plural().equals("namespaces")) {
      return terminate(type, old, dryRun);
    }
    String policy = propagation != null ? propagation
        : (type.kind().equals("Job") && type.group().equals("batch") ? "Orphan" : "Background");
    ObjectNode o = old.deepCopy();
    ObjectNode meta = Json.metadata(o);
    ArrayNode finalizers = meta.has("finalizers") && meta.get("finalizers").isArray()
        ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
    if (policy.equals("Foreground")) {
      addFinalizer(finalizers, "foregroundDeletion");
    } else if (policy.equals("Orphan")) {
      addFinalizer(finalizers, "orphan");
    }
    long grace = PodGrace.period(type, old, gracePeriodSeconds);
    if (grace > 0) {
      return deleteGracefully(type, namespace, old, o, grace, dryRun);
    }
    if (finalizers.isEmpty()) {
      meta.remove("finalizers");
      return dryRun ? old : store.remove(type, namespace, name);
    }
    if (dryRun) {
      return o;
    }
    if (!meta.has("deletionTimestamp") || meta.path("deletionGracePeriodSeconds").asLong(0) > 0) {
      // First deletion, or the end of a graceful one (the kubelet's delete with grace period 0): from now on the
      // object goes as soon as its last finalizer does.
      meta.put("deletionTimestamp", store.now());
      meta.put("deletionGracePeriodSeconds", 0);
    }
    return store.markDeleted(type, namespace, o);
  }

  /** {@code BeforeDelete} for a graceful deletion: mark, or shorten the period of a pending one. */
  private ObjectNode deleteGracefully(ResourceType type, String namespace, ObjectNode old, ObjectNode o, long grace,
      boolean dryRun) {
    ObjectNode meta = Json.metadata(o);
    if (meta.path("finalizers").isEmpty()) {
      meta.remove("finalizers");
    }
    boolean pending = meta.has("deletionTimestamp");
    if (!pending || grace < meta.path("deletionGracePeriodSeconds").asLong(0)) {
      meta.put("deletionTimestamp", ObjectStore.timestamp(store.clock().instant().plusSeconds(grace)));
      meta.put("deletionGracePeriodSeconds", grace);
    } else if (o.equals(old)) {
      return old;
    }
    return dryRun ? o : store.markDeleted(type, namespace, o);
  }

  /** A namespace is never removed at once: it turns Terminating and the namespace controller empties it. */
  private ObjectNode terminate(ResourceType type, ObjectNode old, boolean dryRun) {
    ObjectNode o = old.deepCopy();
    ObjectNode meta = Json.metadata(o);
    if (!meta.has("deletionTimestamp")) {
      meta.put("deletionTimestamp", store.now());
      meta.put("deletionGracePeriodSeconds", 0);
    }
    o.withObject("status").put("phase", "Terminating");
    return dryRun ? o : store.markDeleted(type, null, o);
  }

  /** Removes one finalizer; the object goes away when it was the last one and deletion was requested. */
  public void removeFinalizer(ResourceType type, String namespace, String name, String finalizer) {
    ObjectNode o = store.get(type, namespace, name);
    if (o == null) {
      return;
    }
    ObjectNode meta = Json.metadata(o);
    JsonNode list = meta.get("finalizers");
    if (list == null || !list.isArray()) {
      return;
    }
    ArrayNode kept = meta.putArray("finalizers");
    for (JsonNode f : list) {
      if (!f.asString().equals(finalizer)) {
        kept.add(f);
      }
    }
    if (kept.isEmpty() && meta.has("deletionTimestamp")) {
      store.remove(type, namespace, name);
    } else {
      if (kept.isEmpty()) {
        meta.remove("finalizers");
      }
      store.markDeleted(type, namespace, o);
    }
  }

  private static void addFinalizer(ArrayNode finalizers, String name) {
    for (JsonNode f : finalizers) {
      if (f.asString().equals(name)) {
        return;
      }
    }
    finalizers.add(name);
  }

  private static boolean isNamespace(ResourceType type) {
    return type.group().isEmpty() && type.kind().equals("Namespace");
  }

  private void admit(ResourceType type, Admission.Operation op, ObjectNode object, ObjectNode old, boolean dryRun) {
    for (Admission step : admission) {
      step.admit(type, op, object, old, dryRun);
    }
  }

  private static void checkNamespace(ResourceType type, String namespace, ObjectNode o) {
    if (!type.namespaced()) {
      return;
    }
    String inBody = Json.text(o, "metadata", "namespace");
    if (inBody != null && !inBody.isEmpty() && namespace != null && !inBody.equals(namespace)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the "
          + "request");
    }
  }

  /** RFC 7386 JSON merge patch. */
  static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
    ObjectNode out = target.deepCopy();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        out.remove(e.getKey());
      } else if (value.isObject() && out.get(e.getKey()) != null && out.get(e.getKey()).isObject()) {
        out.set(e.getKey(), mergePatch((ObjectNode) out.get(e.getKey()), (ObjectNode) value));
      } else if (value.isObject()) {
        out.set(e.getKey(), mergePatch(Json.object(), (ObjectNode) value));
      } else {
        out.set(e.getKey(), value.deepCopy());
      }
    }
    return out;
  }
}
