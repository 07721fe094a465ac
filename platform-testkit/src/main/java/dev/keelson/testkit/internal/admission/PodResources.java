package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.admission.Resources.Qty;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Pod resource totals as {@code resourcehelper.PodRequests/PodLimits} compute them: containers summed, init
 * containers taken as a maximum (restartable sidecars added to the running sum), plus {@code spec.overhead}.
 *
 * <p>A container's requests are read as the API server's defaulting leaves them: a resource with a limit and no
 * request is requested at its limit.
 */
final class PodResources {

  private PodResources() {
  }

  /** A container's requests after API defaulting (limits fill missing requests). */
  static TreeMap<String, Qty> requests(JsonNode container) {
    TreeMap<String, Qty> requests = Resources.read(container.path("resources").get("requests"));
    Resources.read(container.path("resources").get("limits")).forEach(requests::putIfAbsent);
    return requests;
  }

  static TreeMap<String, Qty> limits(JsonNode container) {
    return Resources.read(container.path("resources").get("limits"));
  }

  static TreeMap<String, Qty> podRequests(JsonNode pod) {
    return total(pod, true);
  }

  static TreeMap<String, Qty> podLimits(JsonNode pod) {
    return total(pod, false);
  }

  private static TreeMap<String, Qty> total(JsonNode pod, boolean requests) {
    JsonNode spec = pod.path("spec");
    TreeMap<String, Qty> sum = new TreeMap<>();
    for (JsonNode c : spec.path("containers")) {
      Resources.addInto(sum, requests ? requests(c) : limits(c));
    }
    TreeMap<String, Qty> restartable = new TreeMap<>();
    TreeMap<String, Qty> init = new TreeMap<>();
    for (JsonNode c : spec.path("initContainers")) {
      TreeMap<String, Qty> own = requests ? requests(c) : limits(c);
      TreeMap<String, Qty> effective;
      if ("Always".equals(c.path("restartPolicy").asString(""))) {
        Resources.addInto(sum, own);
        Resources.addInto(restartable, own);
        effective = restartable;
      } else {
        effective = Resources.add(own, restartable);
      }
      Resources.maxInto(init, effective);
    }
    Resources.maxInto(sum, init);
    TreeMap<String, Qty> overhead = Resources.read(spec.get("overhead"));
    if (requests) {
      Resources.addInto(sum, overhead);
    } else {
      overhead.forEach((k, v) -> sum.computeIfPresent(k, (n, cur) -> cur.plus(v)));
    }
    return sum;
  }
}
