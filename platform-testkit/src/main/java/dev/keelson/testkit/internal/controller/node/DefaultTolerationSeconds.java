package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The DefaultTolerationSeconds admission plugin: every pod created or updated without a toleration for the
 * {@code node.kubernetes.io/not-ready} / {@code node.kubernetes.io/unreachable} NoExecute taints gets
 * {@code {key, operator: Exists, effect: NoExecute, tolerationSeconds: 300}} for each (not-ready first).
 * A toleration with an empty key or empty effect counts as tolerating.
 */
public final class DefaultTolerationSeconds implements Admission {

  private final long notReadySeconds;
  private final long unreachableSeconds;

  public DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
    this.notReadySeconds = notReadySeconds;
    this.unreachableSeconds = unreachableSeconds;
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (operation == Operation.DELETE || !ClusterState.isPods(type)) {
      return;
    }
    ObjectNode spec = object.withObject("spec");
    JsonNode existing = spec.get("tolerations");
    boolean notReady = false;
    boolean unreachable = false;
    if (existing != null && existing.isArray()) {
      for (JsonNode t : existing) {
        String key = t.path("key").asString("");
        String effect = t.path("effect").asString("");
        boolean noExecute = effect.isEmpty() || effect.equals(Taint.NO_EXECUTE);
        notReady |= noExecute && (key.isEmpty() || key.equals(Taint.NOT_READY));
        unreachable |= noExecute && (key.isEmpty() || key.equals(Taint.UNREACHABLE));
      }
    }
    if (notReady && unreachable) {
      return;
    }
    ArrayNode list = existing != null && existing.isArray() ? (ArrayNode) existing : spec.putArray("tolerations");
    if (!notReady) {
      add(list, Taint.NOT_READY, notReadySeconds);
    }
    if (!unreachable) {
      add(list, Taint.UNREACHABLE, unreachableSeconds);
    }
  }

  private static void add(ArrayNode list, String key, long seconds) {
    ObjectNode t = list.addObject();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", Taint.NO_EXECUTE);
    t.put("tolerationSeconds", seconds);
  }
}
