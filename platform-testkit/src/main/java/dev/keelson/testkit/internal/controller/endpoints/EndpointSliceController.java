package dev.keelson.testkit.internal.controller.endpoints;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.Controller;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-controller-manager's EndpointSlice controller ({@code kubernetes/kubernetes — pkg/controller/endpointslice},
 * {@code staging/src/k8s.io/endpointslice/reconciler.go}): for each Service with a selector, IPv4 EndpointSlices
 * named {@code <service>-<5 chars>}, owned by the Service, holding an endpoint per selected pod with an IP (ready,
 * serving and terminating conditions, nodeName, zone, targetRef), grouped by the pod's resolved port set, at most
 * 100 per slice; a placeholder slice without endpoints when no pod is selected. Services without a selector are
 * left alone, and so are their slices when a selector is removed, as upstream; deleting a Service garbage-collects
 * its slices through their owner reference.
 */
public final class EndpointSliceController implements Controller {

  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final int MAX_ENDPOINTS = 100;
  private static final String MANAGER = "endpointslice-controller";

  private final ApiServer api;
  private final ServiceBackends backends;
  private final ResourceType slices;

  public EndpointSliceController(ApiServer api) {
    this.api = api;
    this.backends = new ServiceBackends(api);
    this.slices = api.type("discovery.k8s.io/v1", "EndpointSlice");
  }

  @Override
  public String name() {
    return "endpointslice-controller";
  }

  @Override
  public void onEvent(WatchEvent event, WorkQueue queue) {
    backends.enqueue(event, queue);
    if (event.resource().sameResource(slices)) {
      Map<String, String> labels = Json.labels(event.object());
      if (CONTROLLER.equals(labels.get(MANAGED_BY)) && labels.containsKey(SERVICE_NAME)) {
        queue.add(Json.text(event.object(), "metadata", "namespace") + "/" + labels.get(SERVICE_NAME));
      }
    }
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode svc = api.store().stored(backends.services(), ns, key.substring(slash + 1));
    if (svc == null || svc.path("metadata").has("deletionTimestamp") || !ServiceBackends.hasSelector(svc)) {
      return Optional.empty();
    }
    List<ObjectNode> existing = new ArrayList<>(api.store().snapshot(slices, ns,
        Selector.parseLabels(SERVICE_NAME + "=" + key.substring(slash + 1) + "," + MANAGED_BY + "=" + CONTROLLER)));
    existing.removeIf(s -> s.path("metadata").has("deletionTimestamp"));
    List<ObjectNode> desired = desired(svc);
    List<ObjectNode> unused = new ArrayList<>(existing);
    for (ObjectNode want : desired) {
      ObjectNode reuse = unused.stream().filter(s -> s.path("ports").equals(want.path("ports"))).findFirst()
          .orElse(unused.isEmpty() ? null : unused.get(0));
      if (reuse == null) {
        api.create(slices, ns, want, MANAGER, false);
        continue;
      }
      unused.remove(reuse);
      ObjectNode updated = reuse.deepCopy();
      updated.set("metadata", merged(reuse, want));
      updated.set("endpoints", want.get("endpoints"));
      updated.set("ports", want.get("ports"));
      updated.put("addressType", "IPv4");
      if (!updated.equals(reuse)) {
        api.update(slices, ns, updated, MANAGER, false);
      }
    }
    for (ObjectNode stale : unused) {
      api.delete(slices, ns, Json.text(stale, "metadata", "name"), null, false);
    }
    return Optional.empty();
  }

  private static ObjectNode merged(ObjectNode live, ObjectNode want) {
    ObjectNode meta = ((ObjectNode) live.get("metadata")).deepCopy();
    meta.set("labels", want.path("metadata").get("labels"));
    meta.set("ownerReferences", want.path("metadata").get("ownerReferences"));
    return meta;
  }

  /** The slices the Service should have: per port set, endpoints in chunks of 100; one placeholder if none. */
  private List<ObjectNode> desired(ObjectNode svc) {
    Map<JsonNode, List<ObjectNode>> byPorts = new LinkedHashMap<>();
    for (ServiceBackends.Backend b : backends.of(svc, true)) {
      byPorts.computeIfAbsent(b.ports(), p -> new ArrayList<>()).add(endpoint(b, svc));
    }
    List<ObjectNode> out = new ArrayList<>();
    for (Map.Entry<JsonNode, List<ObjectNode>> group : byPorts.entrySet()) {
      List<ObjectNode> endpoints = group.getValue();
      for (int from = 0; from < endpoints.size(); from += MAX_ENDPOINTS) {
        ObjectNode slice = slice(svc);
        slice.putArray("endpoints").addAll(endpoints.subList(from, Math.min(endpoints.size(), from + MAX_ENDPOINTS)));
        slice.set("ports", group.getKey().deepCopy());
        out.add(slice);
      }
    }
    if (out.isEmpty()) {
      out.add(slice(svc));
    }
    return out;
  }

  private ObjectNode slice(ObjectNode svc) {
    String name = Json.text(svc, "metadata", "name");
    ObjectNode slice = Json.object();
    slice.put("apiVersion", "discovery.k8s.io/v1");
    slice.put("kind", "EndpointSlice");
    ObjectNode meta = Json.metadata(slice);
    meta.put("generateName", name + "-");
    meta.put("namespace", Json.text(svc, "metadata", "namespace"));
    meta.set("labels", labels(svc));
    ObjectNode owner = meta.putArray("ownerReferences").addObject();
    owner.put("apiVersion", "v1");
    owner.put("kind", "Service");
    owner.put("name", name);
    owner.put("uid", Json.text(svc, "metadata", "uid"));
    owner.put("controller", true);
    owner.put("blockOwnerDeletion", true);
    slice.put("addressType", "IPv4");
    slice.set("endpoints", null);
    slice.set("ports", null);
    return slice;
  }

  /** {@code setEndpointSliceLabels}: the Service's labels, the headless mark, and the two controller labels. */
  static ObjectNode labels(ObjectNode svc) {
    ObjectNode labels = Json.object();
    Json.labels(svc).forEach((k, v) -> {
      if (!k.equals(SERVICE_NAME) && !k.equals(MANAGED_BY)) {
        labels.put(k, v);
      }
    });
    if ("None".equals(Json.text(svc, "spec", "clusterIP"))) {
      labels.put("service.kubernetes.io/headless", "");
    }
    labels.put(SERVICE_NAME, Json.text(svc, "metadata", "name"));
    labels.put(MANAGED_BY, CONTROLLER);
    return labels;
  }

  /** {@code podToEndpoint}. */
  private ObjectNode endpoint(ServiceBackends.Backend b, ObjectNode svc) {
    boolean publishNotReady = svc.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    ObjectNode ep = Json.object();
    ep.putArray("addresses").add(b.ip());
    ObjectNode conditions = ep.putObject("conditions");
    conditions.put("ready", publishNotReady || (b.serving() && !b.terminating()));
    conditions.put("serving", b.serving());
    conditions.put("terminating", b.terminating());
    String hostname = ServiceBackends.hostname(b.pod(), svc);
    if (hostname != null) {
      ep.put("hostname", hostname);
    }
    ep.set("targetRef", ServiceBackends.targetRef(b.pod()));
    String node = Json.text(b.pod(), "spec", "nodeName");
    if (node != null && !node.isEmpty()) {
      ep.put("nodeName", node);
    }
    String zone = backends.zone(b.pod());
    if (zone != null && !zone.isEmpty()) {
      ep.put("zone", zone);
    }
    return ep;
  }
}
