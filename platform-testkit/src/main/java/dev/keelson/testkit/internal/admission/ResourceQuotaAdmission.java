package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.admission.Resources.Qty;
import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code ResourceQuota} admission plugin: every namespaced create (and the usage delta of pod, service and
 * PersistentVolumeClaim updates) is checked against each ResourceQuota of its namespace. A rejection is a 403
 * with upstream's exact text ({@code exceeded quota: ...}, {@code failed quota: <q>: must specify ...}); an
 * admitted write charges the quotas' {@code status.used} at once, as kube-apiserver does, before the
 * resource-quota controller recounts.
 *
 * <p>Hard limits are read from {@code spec.hard}; usage from {@code status.used}, counted from the store for
 * names the status does not list yet (as the controller would), so a fresh quota never answers "status unknown".
 */
public final class ResourceQuotaAdmission implements Admission {

  /** The field manager of the API server's own quota status writes. */
  static final String MANAGER = "kube-apiserver";

  private final ApiServer api;
  private final ResourceType quotas;

  public ResourceQuotaAdmission(ApiServer api) {
    this.api = api;
    this.quotas = api.type("v1", "ResourceQuota");
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (!type.namespaced() || operation == Operation.DELETE) {
      return;
    }
    if (operation == Operation.UPDATE && !handlesUpdate(type, object, old)) {
      return;
    }
    String ns = Json.text(object, "metadata", "namespace");
    if (ns == null && old != null) {
      ns = Json.text(old, "metadata", "namespace");
    }
    if (ns == null) {
      return;
    }
    ObjectStore store = api.store();
    List<ObjectNode> inNamespace = store.snapshot(quotas, ns, Selector.everything());
    if (inNamespace.isEmpty()) {
      return;
    }
    Instant now = store.clock().instant();
    String name = displayName(object);
    List<ObjectNode> interesting = new ArrayList<>();
    for (ObjectNode quota : inNamespace) {
      TreeMap<String, Qty> hard = QuotaUsage.hard(quota);
      List<String> restricted = hard.keySet().stream().filter(r -> QuotaUsage.tracks(type, r)).toList();
      if (restricted.isEmpty() || !QuotaUsage.matchesScopes(quota, type, object)) {
        continue;
      }
      if (QuotaUsage.isPod(type)) {
        Set<String> missing = missing(object, restricted);
        if (!missing.isEmpty()) {
          throw ApiException.forbidden(type, name, "failed quota: " + Json.text(quota, "metadata", "name")
              + ": must specify " + String.join(",", missing));
        }
      }
      interesting.add(quota);
    }
    if (interesting.isEmpty()) {
      return;
    }
    TreeMap<String, Qty> delta = Resources.removeZeros(QuotaUsage.usage(type, object, now));
    if (operation == Operation.UPDATE && old != null
        && Json.text(old, "metadata", "resourceVersion") != null) {
      delta = Resources.removeZeros(Resources.subtractNonNegative(delta, QuotaUsage.usage(type, old, now)));
    }
    if (delta.isEmpty()) {
      return;
    }
    List<ObjectNode> charged = new ArrayList<>();
    for (ObjectNode quota : interesting) {
      TreeMap<String, Qty> hard = QuotaUsage.hard(quota);
      TreeMap<String, Qty> used = used(quota, now);
      TreeMap<String, Qty> requested = Resources.mask(delta, hard.keySet());
      TreeMap<String, Qty> newUsage = Resources.add(used, requested);
      List<String> exceeded = new ArrayList<>();
      for (Map.Entry<String, Qty> e : Resources.mask(newUsage, requested.keySet()).entrySet()) {
        Qty limit = hard.get(e.getKey());
        if (limit != null && e.getValue().compareTo(limit) > 0) {
          exceeded.add(e.getKey());
        }
      }
      String quotaName = Json.text(quota, "metadata", "name");
      if (!exceeded.isEmpty()) {
        throw ApiException.forbidden(type, name, "exceeded quota: " + quotaName
            + ", requested: " + Resources.pretty(Resources.mask(requested, exceeded))
            + ", used: " + Resources.pretty(Resources.mask(used, exceeded))
            + ", limited: " + Resources.pretty(Resources.mask(hard, exceeded)));
      }
      ObjectNode updated = quota.deepCopy();
      ObjectNode status = Json.object();
      status.set("hard", Resources.write(hard));
      status.set("used", Resources.write(Resources.mask(newUsage, hard.keySet())));
      updated.set("status", status);
      charged.add(updated);
    }
    if (dryRun) {
      return;
    }
    for (ObjectNode updated : charged) {
      api.updateStatus(quotas, ns, updated, MANAGER, false);
    }
  }

  /**
   * Services (type and ports) and claims (expansion) are charged on update too; pods only when their container
   * resources change (an in-place resize), so label or annotation updates never meet "must specify".
   */
  private static boolean handlesUpdate(ResourceType type, JsonNode object, JsonNode old) {
    if (!type.group().isEmpty()) {
      return false;
    }
    if (type.plural().equals("pods")) {
      return old != null && !containerResources(object).equals(containerResources(old));
    }
    return type.plural().equals("services") || type.plural().equals("persistentvolumeclaims");
  }

  private static List<JsonNode> containerResources(JsonNode pod) {
    List<JsonNode> out = new ArrayList<>();
    for (String list : List.of("containers", "initContainers")) {
      pod.path("spec").path(list).forEach(c -> out.add(c.path("resources")));
    }
    return out;
  }

  /** {@code status.used}, completed from the store for hard names it lacks. */
  private TreeMap<String, Qty> used(ObjectNode quota, Instant now) {
    TreeMap<String, Qty> used = Resources.read(quota.path("status").get("used"));
    TreeMap<String, Qty> hard = QuotaUsage.hard(quota);
    if (!used.keySet().containsAll(hard.keySet())) {
      TreeMap<String, Qty> counted = QuotaUsage.calculate(api.store(), api.types(), quota, now);
      counted.forEach(used::putIfAbsent);
    }
    return used;
  }

  /**
   * The cpu/memory resources some container or init container does not state, for the quota's restricted names
   * ({@code enforcePodContainerConstraints}).
   */
  private static Set<String> missing(JsonNode pod, List<String> restricted) {
    Set<String> required = new TreeSet<>(restricted);
    required.retainAll(QuotaUsage.MUST_SPECIFY);
    Set<String> missing = new TreeSet<>();
    if (required.isEmpty()) {
      return missing;
    }
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : pod.path("spec").path(list)) {
        Set<String> has = QuotaUsage.computeUsage(PodResources.requests(c), PodResources.limits(c)).keySet();
        for (String r : required) {
          if (!has.contains(r)) {
            missing.add(r);
          }
        }
      }
    }
    return missing;
  }

  /** The name errors use: the object's name, else its generateName, else {@code Unknown}. */
  static String displayName(JsonNode o) {
    String name = Json.text(o, "metadata", "name");
    if (name != null && !name.isEmpty()) {
      return name;
    }
    String generate = Json.text(o, "metadata", "generateName");
    return generate != null && !generate.isEmpty() ? generate : "Unknown";
  }
}
