package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.controller.ControllerManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A store, API server and controller manager with the node controllers installed, for tests. */
final class NodeHarness implements AutoCloseable {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final MutableClock clock = new MutableClock(START);
  final ObjectStore store = new ObjectStore(clock, 7L);
  final ResourceTypes types = new ResourceTypes();
  final ApiServer api = new ApiServer(types, store);
  final ControllerManager manager = new ControllerManager(store, types);
  final NodeControllers nodes;
  final ResourceType podType = api.type("v1", "Pod");
  final ResourceType nodeType = api.type("v1", "Node");

  NodeHarness() {
    this(NodeSettings.defaults());
  }

  NodeHarness(NodeSettings settings) {
    nodes = NodeControllers.install(manager, api, settings);
    ObjectNode ns = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\"}}",
        false);
    api.create(api.type("v1", "Namespace"), null, ns, "test", false);
  }

  NodeFleet fleet() {
    return nodes.fleet();
  }

  Behaviours behaviours() {
    return nodes.behaviours();
  }

  /** A pod with one container {@code app}; {@code extraSpec} is merged into the spec as JSON fields. */
  static ObjectNode pod(String name, String image, String extraSpec) {
    String spec = "\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]"
        + (extraSpec == null || extraSpec.isEmpty() ? "" : "," + extraSpec);
    return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{" + spec + "}}", false);
  }

  /** A pod whose whole spec is given as JSON object fields (without braces). */
  static ObjectNode podWithSpec(String name, String specFields) {
    return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{" + specFields + "}}", false);
  }

  static ObjectNode pod(String name, String image) {
    return pod(name, image, null);
  }

  ObjectNode create(ObjectNode pod) {
    return api.create(podType, "default", pod, "test", false);
  }

  ObjectNode pod(String name) {
    return store.get(podType, "default", name);
  }

  ObjectNode node(String name) {
    return store.get(nodeType, null, name);
  }

  void idle() {
    manager.runUntilIdle();
  }

  void advance(Duration d) {
    manager.advanceTo(clock.instant().plus(d), clock::set);
  }

  Instant now() {
    return clock.instant();
  }

  static JsonNode condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (type.equals(c.path("type").asString(""))) {
        return c;
      }
    }
    return null;
  }

  static List<String> conditionTypes(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.path("status").path("conditions").forEach(c -> out.add(c.path("type").asString("")));
    return out;
  }

  static JsonNode container(JsonNode pod, String name) {
    for (JsonNode c : pod.path("status").path("containerStatuses")) {
      if (name.equals(c.path("name").asString(""))) {
        return c;
      }
    }
    return null;
  }

  @Override
  public void close() {
    manager.close();
  }
}
