package dev.keelson.testkit.internal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What pod disruption budgets need to know about pods and selectors; shared by eviction and the PDB controller. */
public final class PodDisruption {
  private PodDisruption() {
  }

  /** A pod is healthy for a budget when it is not being deleted and its Ready condition is True. */
  public static boolean isReady(ObjectNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a PDB's {@code spec.selector} (matchLabels and matchExpressions) selects these labels. */
  public static boolean selects(ObjectNode pdb, Map<String, String> labels) {
    JsonNode selector = pdb.path("spec").path("selector");
    if (selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    for (Map.Entry<String, String> e : Json.stringMap(selector.get("matchLabels")).entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asString("");
      String op = expr.path("operator").asString("");
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asString("")));
      String value = labels.get(key);
      boolean ok = switch (op) {
        case "In" -> value != null && values.contains(value);
        case "NotIn" -> value == null || !values.contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The PDBs of the pod's namespace that select it. */
  public static List<ObjectNode> budgetsFor(ObjectStore store, ResourceType pdbs, ObjectNode pod) {
    String ns = Json.text(pod, "metadata", "namespace");
    Map<String, String> labels = Json.labels(pod);
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode pdb : store.snapshot(pdbs, ns, Selector.everything())) {
      if (selects(pdb, labels)) {
        out.add(pdb);
      }
    }
    return out;
  }
}
