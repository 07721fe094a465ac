package dev.keelson.testkit.internal.controller.endpoints;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's Endpoints controller ({@code kubernetes/kubernetes — pkg/controller/endpoint}): a core/v1
 * Endpoints object named after each selector Service, with one subset per port set, the Ready pods in
 * {@code addresses} and the others in {@code notReadyAddresses} (each sorted by IP, as {@code RepackSubsets} sorts
 * them); terminating pods are left out unless the Service publishes not-ready addresses. Deleting the Service deletes
 * its Endpoints; a Service losing its selector keeps them, as upstream. Each write carries the
 * {@code endpoints.kubernetes.io/last-change-trigger-time} annotation: the virtual instant of the change.
 */
public final class EndpointsController implements Controller {

  /** When the change that the Endpoints now reflect happened, for kube-proxy's programming latency metric. */
  static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
  private static final String MANAGER = "endpoint-controller";

  private final ApiServer api;
  private final ServiceBackends backends;
  private final ResourceType endpoints;

  public EndpointsController(ApiServer api) {
    this.api = api;
    this.backends = new ServiceBackends(api);
    this.endpoints = api.type("v1", "Endpoints");
  }

  @Override
  public String name() {
    return "endpoint-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    backends.enqueue(event, queue);
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode svc = api.store().stored(backends.services(), ns, name);
    ObjectNode live = api.store().stored(endpoints, ns, name);
    if (svc == null) {
      if (live != null) {
        api.delete(endpoints, ns, name, null, false);
      }
      return Optional.empty();
    }
    if (!ServiceBackends.hasSelector(svc)) {
      return Optional.empty();
    }
    boolean publishNotReady = svc.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    ObjectNode want = Json.object();
    want.put("apiVersion", "v1");
    want.put("kind", "Endpoints");
    ObjectNode meta = live == null ? Json.object() : ((ObjectNode) live.get("metadata")).deepCopy();
    meta.put("name", name);
    meta.put("namespace", ns);
    ObjectNode labels = Json.object();
    Json.labels(svc).forEach(labels::put);
    if ("None".equals(Json.text(svc, "spec", "clusterIP"))) {
      labels.put("service.kubernetes.io/headless", "");
    }
    meta.set("labels", labels);
    want.set("metadata", meta);
    ArrayNode subsets = subsets(svc, backends.of(svc, publishNotReady));
    if (!subsets.isEmpty()) {
      want.set("subsets", subsets);
    }
    if (live == null || !sameContent(live, want)) {
      // The moment of the change this write follows: controllers run at the virtual instant of the change.
      meta.withObject("annotations").put(TRIGGER_TIME, api.store().now());
    }
    if (live == null) {
      api.create(endpoints, ns, want, MANAGER, false);
    } else if (!sameContent(live, want)) {
      api.update(endpoints, ns, want, MANAGER, false);
    }
    return Optional.empty();
  }

  private static boolean sameContent(ObjectNode live, ObjectNode want) {
    return live.path("metadata").path("labels").equals(want.path("metadata").path("labels"))
        && live.path("subsets").equals(want.path("subsets"));
  }

  /** Subsets as {@code RepackSubsets} leaves them: one per port set, addresses sorted by IP. */
  private static ArrayNode subsets(ObjectNode svc, List<ServiceBackends.Backend> pods) {
    Map<JsonNode, List<ServiceBackends.Backend>> byPorts = new LinkedHashMap<>();
    for (ServiceBackends.Backend b : pods) {
      if (b.ports().isEmpty() && !svc.path("spec").path("ports").isEmpty()) {
        continue;    // the pod serves none of the Service's ports
      }
      byPorts.computeIfAbsent(b.ports(), p -> new ArrayList<>()).add(b);
    }
    ArrayNode out = Json.NODES.arrayNode();
    for (Map.Entry<JsonNode, List<ServiceBackends.Backend>> group : byPorts.entrySet()) {
      ObjectNode subset = Json.object();
      ArrayNode ready = Json.NODES.arrayNode();
      ArrayNode notReady = Json.NODES.arrayNode();
      group.getValue().stream().sorted(Comparator.comparing(b -> ipKey(b.ip()))).forEach(b ->
          (b.serving() ? ready : notReady).add(address(b, svc)));
      if (!ready.isEmpty()) {
        subset.set("addresses", ready);
      }
      if (!notReady.isEmpty()) {
        subset.set("notReadyAddresses", notReady);
      }
      ArrayNode ports = Json.NODES.arrayNode();
      for (JsonNode p : group.getKey()) {
        ObjectNode port = ((ObjectNode) p).deepCopy();
        if (port.path("name").asString("").isEmpty()) {
          port.remove("name");
        }
        ports.add(port);
      }
      if (!ports.isEmpty()) {
        subset.set("ports", ports);
      }
      out.add(subset);
    }
    return out;
  }

  private static ObjectNode address(ServiceBackends.Backend b, ObjectNode svc) {
    ObjectNode a = Json.object();
    a.put("ip", b.ip());
    String hostname = ServiceBackends.hostname(b.pod(), svc);
    if (hostname != null) {
      a.put("hostname", hostname);
    }
    String node = Json.text(b.pod(), "spec", "nodeName");
    if (node != null && !node.isEmpty()) {
      a.put("nodeName", node);
    }
    a.set("targetRef", ServiceBackends.targetRef(b.pod()));
    return a;
  }

  private static long ipKey(String ip) {
    long value = 0;
    for (String part : ip.split("\\.")) {
      value = value * 256 + Long.parseLong(part);
    }
    return value;
  }
}
