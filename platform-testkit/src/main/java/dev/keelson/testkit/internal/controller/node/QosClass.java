package dev.keelson.testkit.internal.controller.node;

import tools.jackson.databind.JsonNode;

/** {@code status.qosClass} of a pod spec: BestEffort, Guaranteed or Burstable (cpu and memory only). */
final class QosClass {

  private QosClass() {
  }

  static String of(JsonNode spec) {
    boolean any = false;
    boolean guaranteed = true;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        JsonNode req = c.path("resources").path("requests");
        JsonNode lim = c.path("resources").path("limits");
        for (String r : new String[] {"cpu", "memory"}) {
          boolean hasReq = req.has(r) && !isZero(req.get(r));
          boolean hasLim = lim.has(r) && !isZero(lim.get(r));
          any |= hasReq || hasLim;
          if (!hasLim || (hasReq && !sameQuantity(r, req.get(r), lim.get(r)))) {
            guaranteed = false;
          }
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }

  private static boolean isZero(JsonNode q) {
    return Quantities.milli(q) == 0;
  }

  private static boolean sameQuantity(String resource, JsonNode a, JsonNode b) {
    return resource.equals("cpu") ? Quantities.milli(a) == Quantities.milli(b)
        : Quantities.units(a) == Quantities.units(b);
  }
}
