package dev.keelson.testkit.internal.controller.endpoints;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.PodDisruption;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.WatchEvent;
import dev.keelson.testkit.internal.controller.WorkQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pods behind a Service as both endpoint controllers see them ({@code kubernetes/kubernetes —
 * pkg/controller/util/endpoint}, {@code staging/src/k8s.io/endpointslice/utils.go}): pods selected by the Service's
 * selector that have an IP and may still serve, each with its ports resolved from the Service's ports.
 */
final class ServiceBackends {

  /** One pod behind a Service. */
  record Backend(ObjectNode pod, String ip, boolean serving, boolean terminating, ArrayNode ports) {

    String name() {
      return Json.text(pod, "metadata", "name");
    }
  }

  private final ApiServer api;
  private final ResourceType services;
  private final ResourceType pods;
  private final ResourceType nodes;

  ServiceBackends(ApiServer api) {
    this.api = api;
    this.services = api.type("v1", "Service");
    this.pods = api.type("v1", "Pod");
    this.nodes = api.type("v1", "Node");
  }

  ResourceType services() {
    return services;
  }

  /** Enqueues the Services a change concerns: the Service itself, or each selector Service of the pod's namespace. */
  void enqueue(WatchEvent event, WorkQueue queue) {
    ObjectNode o = event.object();
    String ns = Json.text(o, "metadata", "namespace");
    if (event.resource().sameResource(services)) {
      queue.add(ns + "/" + Json.text(o, "metadata", "name"));
    } else if (event.resource().sameResource(pods)) {
      for (ObjectNode svc : api.store().snapshot(services, ns, Selector.everything())) {
        if (hasSelector(svc)) {
          queue.add(ns + "/" + Json.text(svc, "metadata", "name"));
        }
      }
    }
  }

  /**
   * Whether the endpoint controllers serve this Service: it has a non-empty selector (an empty one is nil once
   * stored) and is not an ExternalName Service.
   */
  static boolean hasSelector(ObjectNode svc) {
    return svc.path("spec").path("selector").isObject() && !svc.path("spec").path("selector").isEmpty()
        && !"ExternalName".equals(Json.text(svc, "spec", "type"));
  }

  /**
   * The pods behind the Service, by name: selected, with a pod IP, and not finished for good
   * ({@code ShouldPodBeInEndpoints}); terminating pods only when {@code includeTerminating}.
   */
  List<Backend> of(ObjectNode svc, boolean includeTerminating) {
    String ns = Json.text(svc, "metadata", "namespace");
    Map<String, String> selector = Json.stringMap(svc.path("spec").path("selector"));
    boolean publishNotReady = svc.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    List<Backend> out = new ArrayList<>();
    for (ObjectNode pod : api.store().snapshot(pods, ns, Selector.everything())) {
      Map<String, String> labels = Json.labels(pod);
      if (!labels.entrySet().containsAll(selector.entrySet()) || !shouldBeInEndpoints(pod, includeTerminating)) {
        continue;
      }
      boolean terminating = pod.path("metadata").has("deletionTimestamp");
      boolean serving = publishNotReady || PodDisruption.isReady(pod);
      out.add(new Backend(pod, Json.text(pod, "status", "podIP"), serving, terminating, ports(svc, pod)));
    }
    out.sort(Comparator.comparing(Backend::name));
    return out;
  }

  private static boolean shouldBeInEndpoints(ObjectNode pod, boolean includeTerminating) {
    String ip = Json.text(pod, "status", "podIP");
    if (ip == null || ip.isEmpty()) {
      return false;
    }
    if (!includeTerminating && pod.path("metadata").has("deletionTimestamp")) {
      return false;
    }
    String phase = pod.path("status").path("phase").asString("");
    return switch (pod.path("spec").path("restartPolicy").asString("Always")) {
      case "Never" -> !phase.equals("Failed") && !phase.equals("Succeeded");
      case "OnFailure" -> !phase.equals("Succeeded");
      default -> true;
    };
  }

  /**
   * The Service's ports as this pod serves them ({@code getEndpointPorts}): a numeric targetPort as it is, a named
   * one as the pod's container port of that name and protocol; ports the pod lacks are left out.
   */
  private static ArrayNode ports(ObjectNode svc, ObjectNode pod) {
    ArrayNode out = Json.NODES.arrayNode();
    for (JsonNode sp : svc.path("spec").path("ports")) {
      String protocol = sp.path("protocol").asString("TCP");
      JsonNode target = sp.path("targetPort");
      int number = target.isNumber() ? target.asInt()
          : target.isString() ? findNamedPort(pod, target.asString(), protocol) : sp.path("port").asInt();
      if (number <= 0) {
        continue;
      }
      ObjectNode port = out.addObject();
      port.put("name", sp.path("name").asString(""));
      port.put("port", number);
      port.put("protocol", protocol);
      if (sp.hasNonNull("appProtocol")) {
        port.put("appProtocol", sp.path("appProtocol").asString());
      }
    }
    return out;
  }

  private static int findNamedPort(ObjectNode pod, String name, String protocol) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (name.equals(p.path("name").asString("")) && protocol.equals(p.path("protocol").asString("TCP"))) {
          return p.path("containerPort").asInt();
        }
      }
    }
    // A number written as a string (targetPort "8080") is that number, as intstr's IntValue.
    return name.chars().allMatch(Character::isDigit) && !name.isEmpty() ? Integer.parseInt(name) : 0;
  }

  /** The zone of the pod's node ({@code topology.kubernetes.io/zone}), or null. */
  String zone(ObjectNode pod) {
    String node = Json.text(pod, "spec", "nodeName");
    ObjectNode n = node == null ? null : api.store().stored(nodes, null, node);
    return n == null ? null : Json.labels(n).get("topology.kubernetes.io/zone");
  }

  /** {@code ShouldSetHostname}: the pod's hostname when its subdomain is this Service. */
  static String hostname(ObjectNode pod, ObjectNode svc) {
    String hostname = Json.text(pod, "spec", "hostname");
    boolean same = Json.text(svc, "metadata", "name").equals(Json.text(pod, "spec", "subdomain"));
    return hostname != null && !hostname.isEmpty() && same ? hostname : null;
  }

  /** {@code targetRef} of an endpoint. */
  static ObjectNode targetRef(ObjectNode pod) {
    ObjectNode ref = Json.object();
    ref.put("kind", "Pod");
    ref.put("namespace", Json.text(pod, "metadata", "namespace"));
    ref.put("name", Json.text(pod, "metadata", "name"));
    ref.put("uid", Json.text(pod, "metadata", "uid"));
    return ref;
  }
}
