package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DaemonSet controller's node decisions and pod shaping: {@code AddOrUpdateDaemonPodTolerations} (the default
 * tolerations every daemon pod gets), {@code NodeShouldRunDaemonPod} (nodeSelector, required node affinity and
 * NoSchedule/NoExecute taints, giving {@code shouldRun} and {@code shouldContinueRunning}) and
 * {@code ReplaceDaemonSetPodNodeNameNodeAffinity} (pinning a pod to its node with a required
 * {@code matchFields metadata.name In [node]} term).
 */
final class DaemonSetPlacement {

  /** Whether a daemon pod should be created on a node, and whether an existing one may stay. */
  record Decision(boolean shouldRun, boolean shouldContinueRunning) {
  }

  private static final String[][] DEFAULT_TOLERATIONS = {
      {"node.kubernetes.io/not-ready", "NoExecute"},
      {"node.kubernetes.io/unreachable", "NoExecute"},
      {"node.kubernetes.io/disk-pressure", "NoSchedule"},
      {"node.kubernetes.io/memory-pressure", "NoSchedule"},
      {"node.kubernetes.io/pid-pressure", "NoSchedule"},
      {"node.kubernetes.io/unschedulable", "NoSchedule"},
  };
  private static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

  private DaemonSetPlacement() {
  }

  /** {@code util.CreatePodTemplate}'s toleration part: the template spec with the daemon tolerations added. */
  static ObjectNode withDefaultTolerations(JsonNode templateSpec) {
    ObjectNode spec = templateSpec instanceof ObjectNode o ? o.deepCopy() : Json.object();
    JsonNode existing = spec.get("tolerations");
    ArrayNode tolerations = existing instanceof ArrayNode a ? a : spec.putArray("tolerations");
    for (String[] t : DEFAULT_TOLERATIONS) {
      addIfMissing(tolerations, t[0], t[1]);
    }
    if (Nodes.boolAt(spec, "hostNetwork")) {
      addIfMissing(tolerations, NETWORK_UNAVAILABLE, "NoSchedule");
    }
    return spec;
  }

  /** {@code AddOrUpdateTolerationInPodSpec}: an identical toleration (key, operator Exists, effect) is kept. */
  private static void addIfMissing(ArrayNode tolerations, String key, String effect) {
    for (JsonNode t : tolerations) {
      if (key.equals(t.path("key").asString("")) && "Exists".equals(t.path("operator").asString(""))
          && effect.equals(t.path("effect").asString("")) && !t.has("value") && !t.has("tolerationSeconds")) {
        return;
      }
    }
    ObjectNode t = tolerations.addObject();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", effect);
  }

  /** {@code NodeShouldRunDaemonPod} for a pod spec that already has the default tolerations. */
  static Decision decide(JsonNode podSpec, JsonNode node) {
    String nodeName = Nodes.stringAt(node, "metadata", "name");
    JsonNode labels = Nodes.at(node, "metadata", "labels");
    if (!nodeSelectorMatches(podSpec, labels) || !affinityMatches(podSpec, nodeName, labels)) {
      return new Decision(false, false);
    }
    JsonNode taints = Nodes.at(node, "spec", "taints");
    JsonNode tolerations = Nodes.at(podSpec, "tolerations");
    boolean fits = true;
    boolean evicted = false;
    if (taints != null && taints.isArray()) {
      for (JsonNode taint : taints) {
        String effect = taint.path("effect").asString("");
        if ((effect.equals("NoSchedule") || effect.equals("NoExecute")) && !tolerated(tolerations, taint)) {
          fits = false;
          evicted |= effect.equals("NoExecute");
        }
      }
    }
    // Scheduled daemon pods keep running unless a NoExecute taint is not tolerated.
    return new Decision(fits, !evicted);
  }

  private static boolean nodeSelectorMatches(JsonNode podSpec, JsonNode labels) {
    JsonNode selector = Nodes.at(podSpec, "nodeSelector");
    if (selector == null || !selector.isObject()) {
      return true;
    }
    for (var e : selector.properties()) {
      JsonNode actual = labels == null ? null : labels.get(e.getKey());
      if (actual == null || !actual.asString("").equals(e.getValue().asString(""))) {
        return false;
      }
    }
    return true;
  }

  /** Required node affinity: terms ORed, requirements ANDed; {@code matchFields} on {@code metadata.name}. */
  private static boolean affinityMatches(JsonNode podSpec, String nodeName, JsonNode labels) {
    JsonNode terms = Nodes.at(podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
        "nodeSelectorTerms");
    if (terms == null || !terms.isArray()) {
      return true;
    }
    for (JsonNode term : terms) {
      JsonNode expressions = term.get("matchExpressions");
      JsonNode fields = term.get("matchFields");
      boolean any = false;
      boolean ok = true;
      if (expressions != null && expressions.isArray()) {
        for (JsonNode r : expressions) {
          any = true;
          JsonNode v = labels == null ? null : labels.get(r.path("key").asString(""));
          ok &= requirementMatches(r, v == null ? null : v.asString(""));
        }
      }
      if (fields != null && fields.isArray()) {
        for (JsonNode r : fields) {
          any = true;
          ok &= requirementMatches(r, "metadata.name".equals(r.path("key").asString("")) ? nodeName : null);
        }
      }
      if (any && ok) {
        return true;
      }
    }
    return false;
  }

  private static boolean requirementMatches(JsonNode requirement, String actual) {
    String op = requirement.path("operator").asString("");
    boolean contained = false;
    for (JsonNode v : requirement.path("values")) {
      if (v.asString("").equals(actual)) {
        contained = true;
      }
    }
    return switch (op) {
      case "In" -> actual != null && contained;
      case "NotIn" -> actual == null || !contained;
      case "Exists" -> actual != null;
      case "DoesNotExist" -> actual == null;
      case "Gt", "Lt" -> compare(op, actual, requirement.path("values"));
      default -> false;
    };
  }

  private static boolean compare(String op, String actual, JsonNode values) {
    if (actual == null || values.size() != 1) {
      return false;
    }
    try {
      long a = Long.parseLong(actual);
      long b = Long.parseLong(values.get(0).asString(""));
      return op.equals("Gt") ? a > b : a < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code ToleratesTaint} over a toleration list. */
  static boolean tolerated(JsonNode tolerations, JsonNode taint) {
    if (tolerations == null || !tolerations.isArray()) {
      return false;
    }
    String key = taint.path("key").asString("");
    String value = taint.path("value").asString("");
    String effect = taint.path("effect").asString("");
    for (JsonNode t : tolerations) {
      String tEffect = t.path("effect").asString("");
      String tKey = t.path("key").asString("");
      if (!tEffect.isEmpty() && !tEffect.equals(effect)) {
        continue;
      }
      if (!tKey.isEmpty() && !tKey.equals(key)) {
        continue;
      }
      String op = t.path("operator").asString("");
      if (op.equals("Exists") || ((op.isEmpty() || op.equals("Equal")) && t.path("value").asString("").equals(value))) {
        return true;
      }
    }
    return false;
  }

  /** {@code ReplaceDaemonSetPodNodeNameNodeAffinity}: the required terms become one {@code metadata.name} term. */
  static void pinToNode(ObjectNode podSpec, String nodeName) {
    ObjectNode required = Nodes.object(Nodes.object(Nodes.object(podSpec, "affinity"), "nodeAffinity"),
        "requiredDuringSchedulingIgnoredDuringExecution");
    ArrayNode terms = required.putArray("nodeSelectorTerms");
    ObjectNode field = terms.addObject().putArray("matchFields").addObject();
    field.put("key", "metadata.name");
    field.put("operator", "In");
    field.putArray("values").add(nodeName);
  }

  /** {@code util.GetTargetNodeName}: spec.nodeName, else the node of the pinning affinity term, else null. */
  static String targetNode(JsonNode pod) {
    String nodeName = Nodes.stringAt(pod, "spec", "nodeName");
    if (nodeName != null && !nodeName.isEmpty()) {
      return nodeName;
    }
    JsonNode terms = Nodes.at(pod, "spec", "affinity", "nodeAffinity",
        "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
    if (terms == null || !terms.isArray()) {
      return null;
    }
    for (JsonNode term : terms) {
      for (JsonNode r : term.path("matchFields")) {
        if ("metadata.name".equals(r.path("key").asString("")) && "In".equals(r.path("operator").asString(""))
            && r.path("values").size() == 1) {
          return r.path("values").get(0).asString("");
        }
      }
    }
    return null;
  }
}
