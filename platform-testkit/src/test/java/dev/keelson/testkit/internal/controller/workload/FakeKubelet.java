package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test-only stand-in for the kubelet: a pod is marked Running (and Ready, with lastTransitionTime = now) a scripted
 * delay after its creation; pods running one of the {@link #neverReady} images stay Running but not Ready, as with
 * a failing readiness probe.
 */
final class FakeKubelet implements Controller {

  private final ApiServer api;
  private final ObjectStore store;
  private final ResourceType pods;
  private final Set<String> neverReady = new HashSet<>();
  private Duration startup;

  FakeKubelet(ApiServer api, Duration startup) {
    this.api = api;
    this.store = api.store();
    this.pods = api.type("v1", "Pod");
    this.startup = startup;
  }

  /** Pods with a container of this image never pass their readiness probe. */
  FakeKubelet neverReady(String image) {
    neverReady.add(image);
    return this;
  }

  FakeKubelet startup(Duration delay) {
    this.startup = delay;
    return this;
  }

  @Override
  public String name() {
    return "fake-kubelet";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    if (event.resource().equals(pods) && event.type().equals("ADDED")) {
      queue.add(Json.text(event.object(), "metadata", "namespace") + "/"
          + Json.text(event.object(), "metadata", "name"));
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    ObjectNode pod = store.get(pods, key.substring(0, slash), key.substring(slash + 1));
    if (pod == null || pod.path("status").has("phase")) {
      return Optional.empty();
    }
    Instant created = Instant.parse(Json.text(pod, "metadata", "creationTimestamp"));
    Duration left = Duration.between(store.clock().instant(), created.plus(startup));
    if (left.compareTo(Duration.ZERO) > 0) {
      return Optional.of(left);
    }
    boolean ready = true;
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (neverReady.contains(c.path("image").asString(""))) {
        ready = false;
      }
    }
    String now = store.now();
    ObjectNode status = Json.object();
    status.put("phase", "Running");
    ArrayNode conditions = status.putArray("conditions");
    ObjectNode condition = conditions.addObject();
    condition.put("type", "Ready");
    condition.put("status", ready ? "True" : "False");
    condition.put("lastTransitionTime", now);
    if (!ready) {
      condition.put("reason", "ContainersNotReady");
    }
    status.put("startTime", now);
    pod.set("status", status);
    try {
      api.updateStatus(pods, key.substring(0, slash), pod, "kubelet", false);
    } catch (ApiException e) {
      if (e.code() == 409) {
        return Optional.of(Duration.ZERO);
      }
      if (e.code() != 404) {
        throw e;
      }
    }
    return Optional.empty();
  }
}
