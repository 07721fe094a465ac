package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.controller.ControllerManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.ObjectNode;

/** A store, API server and controller manager with quota and limit admission installed. */
final class AdmissionHarness {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final AtomicReference<Instant> now = new AtomicReference<>(START);
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  final ResourceTypes types = new ResourceTypes();
  final ObjectStore store = new ObjectStore(clock, 11L);
  final ApiServer api = new ApiServer(types, store);
  final ControllerManager manager = new ControllerManager(store, types);
  final ResourceType pods = api.type("v1", "Pod");
  final ResourceType quotas = api.type("v1", "ResourceQuota");
  final ResourceType limitRanges = api.type("v1", "LimitRange");

  AdmissionHarness() {
    Admissions.install(api, manager);
  }

  static ObjectNode json(String text) {
    return Json.parseObject(text.replace('\'', '"'), false);
  }

  ObjectNode create(ResourceType type, String yamlish) {
    return api.create(type, "default", json(yamlish), "test", false);
  }

  ObjectNode quota(String name, String hard) {
    return create(quotas, "{'apiVersion':'v1','kind':'ResourceQuota','metadata':{'name':'" + name
        + "'},'spec':{'hard':{" + hard + "}}}");
  }

  ObjectNode limitRange(String items) {
    return create(limitRanges, "{'apiVersion':'v1','kind':'LimitRange','metadata':{'name':'limits'},"
        + "'spec':{'limits':[" + items + "]}}");
  }

  /** A pod with one container {@code app} and the given {@code resources} fields (may be empty). */
  static ObjectNode pod(String name, String resources) {
    return json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name + "'},'spec':{'containers':"
        + "[{'name':'app','image':'nginx','resources':{" + resources + "}}]}}");
  }

  ObjectNode createPod(String name, String resources) {
    return api.create(pods, "default", pod(name, resources), "test", false);
  }

  String used(String quota, String resource) {
    return Json.text(store.require(quotas, "default", quota), "status", "used", resource);
  }
}
