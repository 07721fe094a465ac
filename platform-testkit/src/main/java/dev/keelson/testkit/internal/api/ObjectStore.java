package dev.keelson.testkit.internal.api;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated cluster's etcd and registry: objects by resource, namespace and name, one global
 * resourceVersion, metadata bookkeeping (uid, creationTimestamp, generation, generateName), and watches with a
 * bounded event history for resuming from a resourceVersion. Objects handed out are copies.
 */
public final class ObjectStore {

  /** Events kept for watches that resume from an older resourceVersion. */
  static final int HISTORY = 20_000;

  private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final Object lock = new Object();
  private final Map<String, TreeMap<String, ObjectNode>> objects = new HashMap<>();
  private final Map<ResourceType, TreeMap<String, ObjectNode>> bucketsByType = new java.util.IdentityHashMap<>();
  private final Deque<WatchEvent> history = new ArrayDeque<>();
  private final List<StoreWatch> watches = new CopyOnWriteArrayList<>();
  private final List<Consumer<WatchEvent>> allWatchers = new CopyOnWriteArrayList<>();
  private final Map<String, Map<String, ObjectRef>> owners = new HashMap<>();
  private final java.util.Set<String> uids = new java.util.HashSet<>();
  private final StoredVersionGuard guard = new StoredVersionGuard();
  private final Clock clock;
  private final Random random;
  private long resourceVersion = 1000;
  private long oldestRetained = 1000;

  public ObjectStore(Clock clock, long seed) {
    this.clock = clock;
    this.random = new Random(seed);
  }

  public Clock clock() {
    return clock;
  }

  public long resourceVersion() {
    synchronized (lock) {
      return resourceVersion;
    }
  }

  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  public String now() {
    return timestamp(clock.instant());
  }

  private static String key(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  /** The objects of a resource (every version of it shares one bucket); called under the lock. */
  private TreeMap<String, ObjectNode> bucket(ResourceType type) {
    // By instance first: every read and write looks its bucket up, and building the group-resource name each time
    // showed in profiles.
    TreeMap<String, ObjectNode> b = bucketsByType.get(type);
    if (b == null) {
      b = objects.computeIfAbsent(type.groupResource(), k -> new TreeMap<>());
      bucketsByType.put(type, b);
    }
    return b;
  }

  /** A copy of the object, or null. */
  public ObjectNode get(ResourceType type, String namespace, String name) {
    ObjectNode o = stored(type, namespace, name);
    return o == null ? null : o.deepCopy();
  }

  /**
   * The stored object itself, or null: stored versions are never modified, so the API server and the in-process
   * controllers read them without a copy. Callers must not modify it either.
   */
  public ObjectNode stored(ResourceType type, String namespace, String name) {
    synchronized (lock) {
      return bucket(type).get(key(type.namespaced() ? namespace : null, name));
    }
  }

  /** The stored object or a 404; not a copy (see {@link #stored}). */
  ObjectNode requireStored(ResourceType type, String namespace, String name) {
    ObjectNode o = stored(type, namespace, name);
    if (o == null) {
      throw ApiException.notFound(type, name);
    }
    return o;
  }

  /** A copy of the object, or a 404. */
  public ObjectNode require(ResourceType type, String namespace, String name) {
    return requireStored(type, namespace, name).deepCopy();
  }

  /** Matching objects (copies) and the resourceVersion the list is consistent with. */
  public record ListResult(List<ObjectNode> items, long resourceVersion) {
  }

  public ListResult list(ResourceType type, String namespace, Selector labels, Selector fields) {
    return list(type, namespace, labels, fields, true);
  }

  /** Like {@link #list}, with the stored objects themselves (read only), e.g. to serialize them. */
  public ListResult listStored(ResourceType type, String namespace, Selector labels, Selector fields) {
    return list(type, namespace, labels, fields, false);
  }

  private ListResult list(ResourceType type, String namespace, Selector labels, Selector fields, boolean copies) {
    synchronized (lock) {
      List<ObjectNode> items = new ArrayList<>();
      for (ObjectNode o : inNamespace(type, namespace)) {
        if (matches(type, o, namespace, labels, fields)) {
          items.add(copies ? o.deepCopy() : o);
        }
      }
      return new ListResult(items, resourceVersion);
    }
  }

  /** The stored objects of one namespace (all when null), from the sorted key range. */
  private java.util.Collection<ObjectNode> inNamespace(ResourceType type, String namespace) {
    TreeMap<String, ObjectNode> b = bucket(type);
    if (namespace == null || !type.namespaced()) {
      return b.values();
    }
    // Keys are "namespace/name"; '0' is the character after '/'.
    return b.subMap(namespace + "/", true, namespace + "0", false).values();
  }

  /**
   * Stored objects (not copies: callers must not modify them) of one namespace, or of all when namespace is
   * null, matching a label selector; for in-process controllers, which only read.
   */
  public List<ObjectNode> snapshot(ResourceType type, String namespace, Selector labels) {
    synchronized (lock) {
      List<ObjectNode> out = new ArrayList<>();
      for (ObjectNode o : inNamespace(type, namespace)) {
        if (labels.isEverything() || labels.matches(Json.labels(o))) {
          out.add(o);
        }
      }
      return out;
    }
  }

  /** Where a dependent lives: its resource type, namespace and name. */
  public record ObjectRef(ResourceType type, String namespace, String name) {
  }

  /** Objects whose ownerReferences name this uid (an index, not a scan). */
  public List<ObjectRef> dependents(String ownerUid) {
    synchronized (lock) {
      Map<String, ObjectRef> refs = owners.get(ownerUid);
      return refs == null ? List.of() : new ArrayList<>(refs.values());
    }
  }

  /** Whether an object with this uid exists (an index, not a scan). */
  public boolean existsUid(String uid) {
    synchronized (lock) {
      return uids.contains(uid);
    }
  }

  private void index(ResourceType type, ObjectNode old, ObjectNode current) {
    guard.replaced(old, current);
    if (old != null) {
      uids.remove(Json.text(old, "metadata", "uid"));
      String k = type.groupResource() + "|" + key(Json.text(old, "metadata", "namespace"),
          Json.text(old, "metadata", "name"));
      for (JsonNode ref : old.path("metadata").path("ownerReferences")) {
        Map<String, ObjectRef> refs = owners.get(ref.path("uid").asString(""));
        if (refs != null) {
          refs.remove(k);
          if (refs.isEmpty()) {
            owners.remove(ref.path("uid").asString(""));
          }
        }
      }
    }
    if (current != null) {
      uids.add(Json.text(current, "metadata", "uid"));
      String ns = Json.text(current, "metadata", "namespace");
      String name = Json.text(current, "metadata", "name");
      String k = type.groupResource() + "|" + key(ns, name);
      for (JsonNode ref : current.path("metadata").path("ownerReferences")) {
        owners.computeIfAbsent(ref.path("uid").asString(""), u -> new java.util.LinkedHashMap<>())
            .put(k, new ObjectRef(type, ns, name));
      }
    }
  }

  /** Objects of every namespace without copying; for in-process controllers that only read. */
  public List<ObjectNode> snapshot(ResourceType type) {
    synchronized (lock) {
      return new ArrayList<>(bucket(type).values());
    }
  }

  static boolean matches(ResourceType type, ObjectNode o, String namespace, Selector labels, Selector fields) {
    if (namespace != null && type.namespaced() && !namespace.equals(Json.text(o, "metadata", "namespace"))) {
      return false;
    }
    if (!labels.isEverything() && !labels.matches(Json.labels(o))) {
      return false;
    }
    return fields.isEverything() || fields.matches(path -> fieldValue(o, path));
  }

  /** Field selector lookup: dotted paths into the object ({@code metadata.name}, {@code spec.nodeName}, ...). */
  static String fieldValue(ObjectNode o, String path) {
    JsonNode n = o;
    for (String part : path.split("\\.")) {
      n = n == null ? null : n.get(part);
    }
    if (n == null || n.isNull()) {
      // The API server compares absent fields as the empty string (e.g. spec.nodeName= for unscheduled pods).
      return "";
    }
    return n.isString() ? n.asString() : n.toString();
  }

  /** Creates an object; fills uid, creationTimestamp, resourceVersion, generation and a generated name. */
  public ObjectNode create(ResourceType type, String namespace, ObjectNode object) {
    return insert(type, namespace, object.deepCopy()).deepCopy();
  }

  /**
   * Like {@link #create} for an object the caller hands over (it must keep no reference to it); returns the
   * stored object itself, which must not be modified.
   */
  ObjectNode insert(ResourceType type, String namespace, ObjectNode o) {
    synchronized (lock) {
      ObjectNode meta = Json.metadata(o);
      String name = Json.text(meta, "name");
      if (name == null || name.isEmpty()) {
        String prefix = Json.text(meta, "generateName");
        if (prefix == null || prefix.isEmpty()) {
          throw ApiException.invalid(type, "", "metadata.name: Required value: name or generateName is required",
              List.of(new ApiException.Cause("FieldValueRequired", "Required value: name or generateName is required",
                  "metadata.name")));
        }
        name = newName(type, namespace, prefix);
        meta.put("name", name);
      }
      if (type.namespaced()) {
        meta.put("namespace", namespace);
      } else {
        meta.remove("namespace");
      }
      String k = key(type.namespaced() ? namespace : null, name);
      if (bucket(type).containsKey(k)) {
        throw ApiException.alreadyExists(type, name);
      }
      meta.put("uid", uid());
      meta.put("creationTimestamp", now());
      meta.remove("deletionTimestamp");
      if (type.statusSubresource()) {
        meta.put("generation", 1);
      }
      o.put("apiVersion", type.apiVersion());
      o.put("kind", type.kind());
      long rv = ++resourceVersion;
      meta.put("resourceVersion", Long.toString(rv));
      bucket(type).put(k, o);
      index(type, null, o);
      publish(new WatchEvent("ADDED", type, o, null, rv));
      return o;
    }
  }

  /**
   * A free name from {@code generateName}: {@code base[:58]} plus 5 characters of Kubernetes' alphabet, retried on
   * a clash up to 8 times.
   */
  public String generateName(ResourceType type, String namespace, String prefix) {
    synchronized (lock) {
      return newName(type, namespace, prefix);
    }
  }

  private String newName(ResourceType type, String namespace, String prefix) {
    String base = prefix.length() > 58 ? prefix.substring(0, 58) : prefix;
    for (int attempt = 0; attempt < 8; attempt++) {
      StringBuilder name = new StringBuilder(base);
      for (int i = 0; i < 5; i++) {
        name.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
      }
      if (!bucket(type).containsKey(key(type.namespaced() ? namespace : null, name.toString()))) {
        return name.toString();
      }
    }
    throw ApiException.alreadyExists(type, base);
  }

  private String uid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /**
   * Replaces an object. The caller passes the complete new object; immutable metadata is kept, the
   * resourceVersion precondition (when the object carries one) is checked, generation moves when anything but
   * metadata and status changed, and nothing is written (same resourceVersion) when nothing changed.
   */
  public ObjectNode update(ResourceType type, String namespace, ObjectNode object) {
    return replace(type, namespace, object).deepCopy();
  }

  /**
   * Like {@link #update}, returning the stored object itself (which must not be modified). {@code object} is not
   * modified or kept: the new version is a copy that shares what did not change with the stored one.
   */
  ObjectNode replace(ResourceType type, String namespace, ObjectNode object) {
    return replace(type, namespace, object, false);
  }

  /**
   * Like {@link #replace}, for an object the caller hands over (it must keep no reference to it; parts of it may
   * be stored nodes): it becomes the new version itself, sharing what did not change, without a copy.
   */
  ObjectNode replaceOwned(ResourceType type, String namespace, ObjectNode object) {
    return replace(type, namespace, object, true);
  }

  private ObjectNode replace(ResourceType type, String namespace, ObjectNode object, boolean owned) {
    synchronized (lock) {
      String name = Json.text(object, "metadata", "name");
      String k = key(type.namespaced() ? namespace : null, name);
      ObjectNode old = bucket(type).get(k);
      if (old == null) {
        throw ApiException.notFound(type, name);
      }
      ObjectNode o = owned ? VersionSharing.adopt(object, old) : VersionSharing.copy(object, old);
      ObjectNode meta = Json.metadata(o);
      ObjectNode oldMeta = Json.metadata(old);
      String expected = Json.text(meta, "resourceVersion");
      if (expected != null && !expected.isEmpty() && !expected.equals(Json.text(oldMeta, "resourceVersion"))) {
        throw ApiException.conflict(type, name, "the object has been modified; please apply your changes to the "
            + "latest version and try again");
      }
      for (String immutable : List.of("uid", "creationTimestamp", "namespace", "generation", "resourceVersion",
          "deletionTimestamp", "deletionGracePeriodSeconds")) {
        JsonNode v = oldMeta.get(immutable);
        if (v == null) {
          meta.remove(immutable);
        } else {
          meta.set(immutable, v);
        }
      }
      o.put("apiVersion", old.path("apiVersion").asString(type.apiVersion()));
      o.put("kind", type.kind());
      if (o.equals(old)) {
        return old;
      }
      if (type.statusSubresource() && specChanged(old, o)) {
        meta.put("generation", oldMeta.path("generation").asLong(0) + 1);
      }
      long rv = ++resourceVersion;
      meta.put("resourceVersion", Long.toString(rv));
      bucket(type).put(k, o);
      index(type, old, o);
      publish(new WatchEvent("MODIFIED", type, o, old, rv));
      return o;
    }
  }

  /**
   * Writes deletion bookkeeping (deletionTimestamp, finalizers) of an existing object as given, bypassing the
   * immutability rules of {@link #update}.
   */
  public ObjectNode markDeleted(ResourceType type, String namespace, ObjectNode object) {
    synchronized (lock) {
      ObjectNode o = object.deepCopy();
      String name = Json.text(o, "metadata", "name");
      String k = key(type.namespaced() ? namespace : null, name);
      ObjectNode old = bucket(type).get(k);
      if (old == null) {
        throw ApiException.notFound(type, name);
      }
      if (o.equals(old)) {
        return old.deepCopy();
      }
      long rv = ++resourceVersion;
      Json.metadata(o).put("resourceVersion", Long.toString(rv));
      bucket(type).put(k, o);
      index(type, old, o);
      publish(new WatchEvent("MODIFIED", type, o, old, rv));
      return o.deepCopy();
    }
  }

  /** Whether anything but metadata and status differs; compares in place, without copies. */
  private static boolean specChanged(ObjectNode old, ObjectNode updated) {
    int compared = 0;
    for (Map.Entry<String, JsonNode> e : updated.properties()) {
      String field = e.getKey();
      if (field.equals("metadata") || field.equals("status")) {
        continue;
      }
      compared++;
      if (!e.getValue().equals(old.get(field))) {
        return true;
      }
    }
    int before = 0;
    for (String field : old.propertyNames()) {
      if (!field.equals("metadata") && !field.equals("status")) {
        before++;
      }
    }
    return before != compared;
  }

  /** Removes an object from storage now (finalizers and propagation are decided by the caller). */
  public ObjectNode remove(ResourceType type, String namespace, String name) {
    synchronized (lock) {
      ObjectNode old = bucket(type).remove(key(type.namespaced() ? namespace : null, name));
      if (old == null) {
        throw ApiException.notFound(type, name);
      }
      index(type, old, null);
      long rv = ++resourceVersion;
      ObjectNode last = old.deepCopy();
      Json.metadata(last).put("resourceVersion", Long.toString(rv));
      publish(new WatchEvent("DELETED", type, last, old, rv));
      return last;
    }
  }

  private void publish(WatchEvent event) {
    history.addLast(event);
    while (history.size() > HISTORY) {
      oldestRetained = history.removeFirst().resourceVersion();
    }
    for (StoreWatch w : watches) {
      w.offer(event);
    }
    if (!allWatchers.isEmpty()) {
      // The stored version itself, which nobody modifies: controllers read it and may keep it, and a copy per
      // change was a fifth of all the memory a rollout allocated.
      WatchEvent stored = new WatchEvent(event.type(), event.resource(), event.object(), null,
          event.resourceVersion());
      for (Consumer<WatchEvent> sink : allWatchers) {
        sink.accept(stored);
      }
    }
  }

  /**
   * Sees every change of every resource, in order. For the in-process controllers: the event's object is the
   * stored version itself (not a copy), which they may keep but must not modify.
   */
  public void watchAll(Consumer<WatchEvent> sink) {
    synchronized (lock) {
      allWatchers.add(sink);
    }
  }

  /**
   * Starts a watch. With {@code fromResourceVersion} null or "0", the sink first gets a synthetic ADDED for every
   * matching object; with a specific version, the retained events after it; when that version is older than the
   * retained history, an {@link ApiException} with 410 Expired is thrown.
   */
  public StoreWatch watch(ResourceType type, String namespace, Selector labels, Selector fields,
      String fromResourceVersion, Consumer<WatchEvent> sink) {
    synchronized (lock) {
      StoreWatch w = new StoreWatch(type, namespace, labels, fields, sink, watches::remove);
      if (fromResourceVersion == null || fromResourceVersion.isEmpty() || fromResourceVersion.equals("0")) {
        for (ObjectNode o : bucket(type).values()) {
          if (matches(type, o, namespace, labels, fields)) {
            w.deliver(new WatchEvent("ADDED", type, o, null, resourceVersion));
          }
        }
      } else {
        long from;
        try {
          from = Long.parseLong(fromResourceVersion);
        } catch (NumberFormatException e) {
          throw ApiException.badRequest("invalid resource version: " + fromResourceVersion);
        }
        if (from < oldestRetained) {
          throw new ApiException(410, "Expired", "too old resource version: " + from + " (" + oldestRetained + ")",
              null, null, List.of(), null);
        }
        for (WatchEvent e : history) {
          if (e.resourceVersion() > from) {
            w.offer(e);
          }
        }
      }
      watches.add(w);
      return w;
    }
  }

  /** Ends every watch, e.g. to force clients to relist. */
  public void dropWatches() {
    for (StoreWatch w : watches) {
      w.close();
    }
  }

  /** Forgets the event history, so that resuming any current watch position answers 410 Gone. */
  public void compact() {
    synchronized (lock) {
      history.clear();
      oldestRetained = resourceVersion + 1;
    }
  }

  public int watchCount() {
    return watches.size();
  }
}
