package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.ControllerManager;
import dev.keelson.testkit.internal.controller.GarbageCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pieces of a simulated cluster the workload controllers need, without HTTP: a store on a test clock, the API
 * server, the controller manager with the garbage collector, the workload controllers and a {@link FakeKubelet},
 * and a namespace {@code shop}. Helpers build, change and read Deployments, ReplicaSets, pods and events.
 */
final class WorkloadCluster implements AutoCloseable {

  static final String NAMESPACE = "shop";
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final TestClock clock = new TestClock(START);
  final ObjectStore store = new ObjectStore(clock, 7L);
  final ResourceTypes types = new ResourceTypes();
  final ApiServer api = new ApiServer(types, store);
  final ControllerManager manager = new ControllerManager(store, types);
  final FakeKubelet kubelet;
  final ResourceType deployments = api.type("apps/v1", "Deployment");
  final ResourceType replicaSets = api.type("apps/v1", "ReplicaSet");
  final ResourceType pods = api.type("v1", "Pod");
  final ResourceType events = api.type("v1", "Event");

  WorkloadCluster() {
    this(Duration.ofSeconds(5));
  }

  WorkloadCluster(Duration podStartup) {
    manager.register(new GarbageCollector(api));
    // Node-side first: pods that change at the same instant are all changed before the ReplicaSet controller
    // looks, as informers batch them in a real cluster.
    kubelet = new FakeKubelet(api, podStartup);
    manager.register(kubelet);
    WorkloadControllers.install(manager, api);
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    Json.metadata(ns).put("name", NAMESPACE);
    api.create(api.type("v1", "Namespace"), null, ns, "test", false);
  }

  void register(Controller controller) {
    manager.register(controller);
  }

  /** A Deployment manifest with selector and template label {@code app=<name>} and one container. */
  static ObjectNode deployment(String name, int replicas, String image) {
    ObjectNode d = Json.object();
    d.put("apiVersion", "apps/v1");
    d.put("kind", "Deployment");
    Json.metadata(d).put("name", name);
    ObjectNode spec = d.putObject("spec");
    spec.put("replicas", replicas);
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", name);
    ObjectNode container = template.putObject("spec").putArray("containers").addObject();
    container.put("name", "app");
    container.put("image", image);
    return d;
  }

  /** A bare ReplicaSet manifest (no owning Deployment) with label {@code app=<name>}. */
  static ObjectNode replicaSetManifest(String name, int replicas, String image) {
    ObjectNode rs = deployment(name, replicas, image);
    rs.put("kind", "ReplicaSet");
    return rs;
  }

  ObjectNode createReplicaSet(ObjectNode rs) {
    return api.create(replicaSets, NAMESPACE, rs, "test", false);
  }

  /** Reads the ReplicaSet, lets {@code change} edit it, and writes it back. */
  ObjectNode editReplicaSet(String name, Consumer<ObjectNode> change) {
    ObjectNode rs = replicaSet(name);
    change.accept(rs);
    return api.update(replicaSets, NAMESPACE, rs, "test", false);
  }

  ObjectNode create(ObjectNode deployment) {
    return api.create(deployments, NAMESPACE, deployment, "test", false);
  }

  /** Reads the Deployment, lets {@code change} edit it, and writes it back (a kubectl edit). */
  ObjectNode edit(String name, Consumer<ObjectNode> change) {
    ObjectNode d = deployment(name);
    change.accept(d);
    return api.update(deployments, NAMESPACE, d, "test", false);
  }

  ObjectNode setImage(String name, String image) {
    return edit(name, d -> ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0))
        .put("image", image));
  }

  ObjectNode scale(String name, int replicas) {
    return edit(name, d -> ((ObjectNode) d.get("spec")).put("replicas", replicas));
  }

  ObjectNode deployment(String name) {
    return api.get(deployments, NAMESPACE, name);
  }

  /** The Deployment's ReplicaSets, oldest first. */
  List<ObjectNode> replicaSets(String deployment) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode rs : store.list(replicaSets, NAMESPACE, Selector.parseLabels("app=" + deployment),
        Selector.everything()).items()) {
      out.add(rs);
    }
    out.sort(Comparator.comparing((ObjectNode rs) -> Json.text(rs, "metadata", "creationTimestamp"))
        .thenComparing(rs -> Json.text(rs, "metadata", "name")));
    return out;
  }

  ObjectNode replicaSet(String name) {
    return api.get(replicaSets, NAMESPACE, name);
  }

  /** The ReplicaSet whose template runs this image. */
  ObjectNode replicaSetWithImage(String deployment, String image) {
    for (ObjectNode rs : replicaSets(deployment)) {
      if (image.equals(rs.path("spec").path("template").path("spec").path("containers").get(0).path("image")
          .asString(""))) {
        return rs;
      }
    }
    throw new AssertionError("no replica set of " + deployment + " runs " + image);
  }

  List<ObjectNode> pods(String deployment) {
    return store.list(pods, NAMESPACE, Selector.parseLabels("app=" + deployment), Selector.everything()).items();
  }

  /** Messages of the events with this reason, oldest first. */
  List<String> events(String reason) {
    List<ObjectNode> all = new ArrayList<>(store.list(events, NAMESPACE, Selector.everything(), Selector.everything())
        .items());
    all.sort(Comparator.comparing((ObjectNode e) -> Long.parseLong(Json.text(e, "metadata", "resourceVersion"))));
    List<String> out = new ArrayList<>();
    for (ObjectNode e : all) {
      if (reason.equals(Json.text(e, "reason"))) {
        out.add(Json.text(e, "message"));
      }
    }
    return out;
  }

  void settle() {
    manager.runUntilIdle();
  }

  void advance(Duration by) {
    manager.advanceTo(clock.instant().plus(by), clock::set);
  }

  void advanceTo(Instant target) {
    manager.advanceTo(target, clock::set);
  }

  static int status(JsonNode object, String field) {
    return object.path("status").path(field).asInt(0);
  }

  static JsonNode condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (type.equals(c.path("type").asString(""))) {
        return c;
      }
    }
    return null;
  }

  static int specReplicas(JsonNode rs) {
    return rs.path("spec").path("replicas").asInt(1);
  }

  static String annotation(JsonNode object, String key) {
    return Json.text(object, "metadata", "annotations", key);
  }

  static String name(JsonNode object) {
    return Json.text(object, "metadata", "name");
  }

  @Override
  public void close() {
    manager.close();
  }
}
