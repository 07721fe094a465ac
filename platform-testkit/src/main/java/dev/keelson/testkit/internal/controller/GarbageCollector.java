package dev.keelson.testkit.internal.controller;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' garbage collector and namespace controller: deletes dependents whose owners are gone
 * (background), deletes dependents before their owner (foreground), strips owner references (orphan), and
 * empties a terminating namespace before removing it.
 */
public final class GarbageCollector implements Controller {

  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final ApiServer api;

  public GarbageCollector(ApiServer api) {
    this.api = api;
  }

  @Override
  public String name() {
    return "garbage-collector";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    ObjectNode o = event.object();
    ResourceType type = event.resource();
    String ns = Json.text(o, "metadata", "namespace");
    String name = Json.text(o, "metadata", "name");
    if (event.type().equals("DELETED")) {
      queue.add("gone|" + Json.text(o, "metadata", "uid") + "|" + (ns == null ? "" : ns));
      if (ns != null && terminating(ns)) {
        // The last pods of a namespace go only once their kubelets have stopped them: check it again now.
        queue.add("namespace|" + ns);
      }
      // An owner waiting in foreground deletion may now have no blocking dependents left.
      for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
        queue.add("finalize|" + ref.path("apiVersion").asString("") + "|" + ref.path("kind").asString("") + "|"
            + (ns == null ? "" : ns) + "|" + ref.path("name").asString(""));
      }
    } else if (o.path("metadata").has("deletionTimestamp")) {
      if (type.plural().equals("namespaces") && type.group().isEmpty()) {
        queue.add("namespace|" + name);
      } else if (hasFinalizer(o, FOREGROUND) || hasFinalizer(o, ORPHAN)) {
        queue.add("finalize|" + type.apiVersion() + "|" + type.kind() + "|" + (ns == null ? "" : ns) + "|" + name);
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    String[] k = key.split("\\|", -1);
    switch (k[0]) {
      case "gone" -> collectOrphans(k[1]);
      case "finalize" -> api.types().byKind(k[1], k[2]).ifPresent(type ->
          finalizeOwner(type, type.namespaced() && !k[3].isEmpty() ? k[3] : null, k[4]));
      case "namespace" -> {
        return emptyNamespace(k[1]);
      }
      default -> throw new IllegalArgumentException("unknown garbage collector key " + key);
    }
    return Optional.empty();
  }

  /** The owner with this uid is gone: delete dependents that have no other live owner. */
  private void collectOrphans(String uid) {
    for (Dependent d : dependentsOf(uid)) {
      List<String> live = new ArrayList<>();
      for (JsonNode ref : d.object().path("metadata").path("ownerReferences")) {
        String other = ref.path("uid").asString("");
        if (!other.equals(uid) && exists(other)) {
          live.add(other);
        }
      }
      try {
        if (live.isEmpty()) {
          api.delete(d.type(), d.namespace(), d.name(), null, false);
        } else {
          removeOwnerReference(d, uid);
        }
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
  }

  private void finalizeOwner(ResourceType type, String namespace, String name) {
    ObjectNode owner = api.store().get(type, namespace, name);
    if (owner == null || !owner.path("metadata").has("deletionTimestamp")) {
      return;
    }
    String uid = Json.text(owner, "metadata", "uid");
    if (hasFinalizer(owner, ORPHAN)) {
      for (Dependent d : dependentsOf(uid)) {
        removeOwnerReference(d, uid);
      }
      api.removeFinalizer(type, namespace, name, ORPHAN);
      return;
    }
    if (!hasFinalizer(owner, FOREGROUND)) {
      return;
    }
    boolean blocking = false;
    for (Dependent d : dependentsOf(uid)) {
      if (!d.object().path("metadata").has("deletionTimestamp")) {
        api.delete(d.type(), d.namespace(), d.name(), "Foreground", false);
      }
      if (api.store().get(d.type(), d.namespace(), d.name()) != null) {
        blocking = true;
      }
    }
    if (!blocking) {
      api.removeFinalizer(type, namespace, name, FOREGROUND);
    }
  }

  private boolean terminating(String namespace) {
    ObjectNode ns = api.store().stored(api.type("v1", "Namespace"), null, namespace);
    return ns != null && ns.path("metadata").has("deletionTimestamp");
  }

  /** Deletes everything in a terminating namespace; removes the namespace once it is empty. */
  private Optional<Duration> emptyNamespace(String namespace) {
    for (ResourceType type : api.types().all()) {
      if (!type.namespaced()) {
        continue;
      }
      for (ObjectNode o : api.store().snapshot(type, namespace, Selector.everything())) {
        if (!o.path("metadata").has("deletionTimestamp")) {
          try {
            api.delete(type, namespace, Json.text(o, "metadata", "name"), "Background", false);
          } catch (ApiException e) {
            if (e.code() != 404) {
              throw e;
            }
          }
        }
      }
    }
    boolean stillThere = false;
    for (ResourceType type : api.types().all()) {
      if (type.namespaced() && !api.store().snapshot(type, namespace, Selector.everything()).isEmpty()) {
        stillThere = true;
        break;
      }
    }
    if (stillThere) {
      // Objects with finalizers of their own are waited for, as the namespace controller does.
      return Optional.of(Duration.ofSeconds(5));
    }
    ResourceType namespaces = api.type("v1", "Namespace");
    if (api.store().get(namespaces, null, namespace) != null) {
      api.store().remove(namespaces, null, namespace);
    }
    return Optional.empty();
  }

  private record Dependent(ResourceType type, String namespace, String name, ObjectNode object) {
  }

  private List<Dependent> dependentsOf(String uid) {
    List<Dependent> out = new ArrayList<>();
    for (ObjectStore.ObjectRef ref : api.store().dependents(uid)) {
      ObjectNode o = api.store().get(ref.type(), ref.namespace(), ref.name());
      if (o != null) {
        out.add(new Dependent(ref.type(), ref.namespace(), ref.name(), o));
      }
    }
    return out;
  }

  private boolean exists(String uid) {
    return api.store().existsUid(uid);
  }

  private void removeOwnerReference(Dependent d, String uid) {
    ObjectNode o = api.store().get(d.type(), d.namespace(), d.name());
    if (o == null) {
      return;
    }
    ObjectNode meta = Json.metadata(o);
    ArrayNode kept = Json.NODES.arrayNode();
    for (JsonNode ref : meta.path("ownerReferences")) {
      if (!uid.equals(ref.path("uid").asString(""))) {
        kept.add(ref);
      }
    }
    if (kept.isEmpty()) {
      meta.remove("ownerReferences");
    } else {
      meta.set("ownerReferences", kept);
    }
    meta.remove("resourceVersion");
    api.update(d.type(), d.namespace(), o, "kube-controller-manager", false);
  }

  static boolean hasFinalizer(ObjectNode o, String finalizer) {
    for (JsonNode f : o.path("metadata").path("finalizers")) {
      if (finalizer.equals(f.asString(""))) {
        return true;
      }
    }
    return false;
  }
}
