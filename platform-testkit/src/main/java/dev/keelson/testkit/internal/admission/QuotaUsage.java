package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.admission.Resources.Qty;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.api.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quota evaluators of {@code pkg/quota/v1/evaluator/core}: which quota resource names an object type is
 * charged against, an object's usage, whether an object falls under a quota's scopes, and a namespace's usage as
 * the resource-quota controller computes it.
 */
final class QuotaUsage {

  private static final String STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";
  private static final Set<String> POD_NAMES = Set.of("pods", "count/pods", "cpu", "memory", "ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage");
  /** The resources for which each container must state a request or limit ("must specify"). */
  static final Set<String> MUST_SPECIFY = Set.of("cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu",
      "limits.memory");
  /** Core resources that also have a legacy object-count name equal to their plural. */
  private static final Set<String> LEGACY_COUNTS = Set.of("pods", "services", "configmaps", "secrets",
      "replicationcontrollers", "resourcequotas", "persistentvolumeclaims");

  private QuotaUsage() {
  }

  static boolean isPod(ResourceType type) {
    return type.group().isEmpty() && type.plural().equals("pods");
  }

  private static boolean isCore(ResourceType type, String plural) {
    return type.group().isEmpty() && type.plural().equals(plural);
  }

  /** Whether objects of {@code type} are charged against quota resource {@code name}. */
  static boolean tracks(ResourceType type, String name) {
    if (name.equals("count/" + type.groupResource())) {
      return true;
    }
    if (type.group().isEmpty() && LEGACY_COUNTS.contains(type.plural()) && name.equals(type.plural())) {
      return true;
    }
    if (isPod(type)) {
      return POD_NAMES.contains(name) || name.startsWith("hugepages-") || name.startsWith("requests.hugepages-")
          || (name.startsWith("requests.") && isExtended(name.substring("requests.".length())));
    }
    if (isCore(type, "services")) {
      return name.equals("services.loadbalancers") || name.equals("services.nodeports");
    }
    if (isCore(type, "persistentvolumeclaims")) {
      return name.equals("requests.storage") || (name.contains(STORAGE_CLASS_SUFFIX)
          && (name.endsWith("/requests.storage") || name.endsWith("/persistentvolumeclaims")));
    }
    return false;
  }

  /** An extended resource: a domain-qualified name outside {@code kubernetes.io}. */
  private static boolean isExtended(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String domain = name.substring(0, slash);
    return !domain.equals("kubernetes.io") && !domain.endsWith(".kubernetes.io") && !name.startsWith("requests.");
  }

  /** The quota usage of one object (names not listed are zero). */
  static TreeMap<String, Qty> usage(ResourceType type, ObjectNode o, Instant now) {
    TreeMap<String, Qty> u = new TreeMap<>();
    u.put("count/" + type.groupResource(), Qty.of(1));
    if (type.group().isEmpty() && LEGACY_COUNTS.contains(type.plural()) && !isPod(type)) {
      u.put(type.plural(), Qty.of(1));
    }
    if (isPod(type)) {
      if (charged(o, now)) {
        u.putAll(computeUsage(PodResources.podRequests(o), PodResources.podLimits(o)));
      }
    } else if (isCore(type, "services")) {
      serviceUsage(o, u);
    } else if (isCore(type, "persistentvolumeclaims")) {
      Qty storage = Resources.read(o.path("spec").path("resources").get("requests")).get("storage");
      String sc = Json.text(o, "spec", "storageClassName");
      if (sc == null) {
        sc = Json.text(o, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
      }
      if (sc != null && !sc.isEmpty()) {
        u.put(sc + STORAGE_CLASS_SUFFIX + "persistentvolumeclaims", Qty.of(1));
      }
      if (storage != null) {
        u.put("requests.storage", storage);
        if (sc != null && !sc.isEmpty()) {
          u.put(sc + STORAGE_CLASS_SUFFIX + "requests.storage", storage);
        }
      }
    }
    return u;
  }

  private static void serviceUsage(ObjectNode o, Map<String, Qty> u) {
    String type = o.path("spec").path("type").asString("ClusterIP");
    JsonNode ports = o.path("spec").path("ports");
    if (type.equals("NodePort")) {
      u.put("services.nodeports", Qty.of(ports.size()));
    } else if (type.equals("LoadBalancer")) {
      u.put("services.loadbalancers", Qty.of(1));
      long nodePorts = ports.size();
      if (!o.path("spec").path("allocateLoadBalancerNodePorts").asBoolean(true)) {
        nodePorts = 0;
        for (JsonNode p : ports) {
          if (p.path("nodePort").asInt(0) != 0) {
            nodePorts++;
          }
        }
      }
      u.put("services.nodeports", Qty.of(nodePorts));
    }
  }

  /** {@code podComputeUsageHelper}: the compute resource names for given requests and limits. */
  static TreeMap<String, Qty> computeUsage(Map<String, Qty> requests, Map<String, Qty> limits) {
    TreeMap<String, Qty> u = new TreeMap<>();
    u.put("pods", Qty.of(1));
    for (String r : List.of("cpu", "memory", "ephemeral-storage")) {
      if (requests.containsKey(r)) {
        u.put(r, requests.get(r));
        u.put("requests." + r, requests.get(r));
      }
      if (limits.containsKey(r)) {
        u.put("limits." + r, limits.get(r));
      }
    }
    requests.forEach((name, q) -> {
      if (name.startsWith("hugepages-")) {
        u.put(name, q);
        u.put("requests." + name, q);
      } else if (isExtended(name)) {
        u.put("requests." + name, q);
      }
    });
    return u;
  }

  /** {@code QuotaV1Pod}: terminal pods and pods past their deletion grace are not charged compute resources. */
  static boolean charged(JsonNode pod, Instant now) {
    String phase = pod.path("status").path("phase").asString("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return false;
    }
    String deletion = Json.text(pod, "metadata", "deletionTimestamp");
    JsonNode grace = pod.path("metadata").get("deletionGracePeriodSeconds");
    if (deletion != null && grace != null && grace.isNumber()) {
      return !now.isAfter(Instant.parse(deletion).plusSeconds(grace.asLong()));
    }
    return true;
  }

  /** Whether a pod's best-effort QoS holds: no request or limit on any container or init container. */
  private static boolean bestEffort(JsonNode pod) {
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : pod.path("spec").path(list)) {
        if (!PodResources.requests(c).isEmpty() || !PodResources.limits(c).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The scope selectors of a quota: {@code spec.scopes} as Exists, plus {@code spec.scopeSelector}. */
  private static List<JsonNode> scopeSelectors(JsonNode quota) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : quota.path("spec").path("scopes")) {
      ObjectNode req = Json.object();
      req.put("scopeName", s.asString(""));
      req.put("operator", "Exists");
      out.add(req);
    }
    quota.path("spec").path("scopeSelector").path("matchExpressions").forEach(out::add);
    return out;
  }

  /** Whether an object falls under every scope of a quota; scoped quotas only ever match pods. */
  static boolean matchesScopes(JsonNode quota, ResourceType type, JsonNode o) {
    for (JsonNode req : scopeSelectors(quota)) {
      if (!isPod(type) || !podMatches(req, o)) {
        return false;
      }
    }
    return true;
  }

  private static boolean podMatches(JsonNode req, JsonNode pod) {
    String scope = req.path("scopeName").asString("");
    return switch (scope) {
      case "Terminating" -> pod.path("spec").path("activeDeadlineSeconds").isNumber();
      case "NotTerminating" -> !pod.path("spec").path("activeDeadlineSeconds").isNumber();
      case "BestEffort" -> bestEffort(pod);
      case "NotBestEffort" -> !bestEffort(pod);
      case "PriorityClass" -> priorityClassMatches(req, Json.text(pod, "spec", "priorityClassName"));
      default -> false;
    };
  }

  private static boolean priorityClassMatches(JsonNode req, String priorityClass) {
    List<String> values = new ArrayList<>();
    req.path("values").forEach(v -> values.add(v.asString("")));
    boolean set = priorityClass != null && !priorityClass.isEmpty();
    return switch (req.path("operator").asString("")) {
      case "Exists" -> set;
      case "DoesNotExist" -> !set;
      case "In" -> set && values.contains(priorityClass);
      case "NotIn" -> !set || !values.contains(priorityClass);
      default -> false;
    };
  }

  /** The quota's hard limits: {@code spec.hard}. */
  static TreeMap<String, Qty> hard(JsonNode quota) {
    return Resources.read(quota.path("spec").get("hard"));
  }

  /** Hard resource names that some known type is charged against, with the types (one per group resource). */
  static Map<String, List<ResourceType>> trackedBy(ResourceTypes types, Iterable<String> names) {
    Map<String, ResourceType> byGroupResource = new TreeMap<>();
    for (ResourceType t : types.all()) {
      if (t.namespaced()) {
        byGroupResource.putIfAbsent(t.groupResource(), t);
      }
    }
    Map<String, List<ResourceType>> out = new LinkedHashMap<>();
    for (String name : names) {
      for (ResourceType t : byGroupResource.values()) {
        if (tracks(t, name)) {
          out.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
        }
      }
    }
    return out;
  }

  /**
   * {@code quota.CalculateUsage}: the namespace's usage of every hard resource some evaluator tracks, counted
   * from the store (tracked resources with no usage are {@code 0}).
   */
  static TreeMap<String, Qty> calculate(ObjectStore store, ResourceTypes types, JsonNode quota, Instant now) {
    String ns = Json.text(quota, "metadata", "namespace");
    Map<String, List<ResourceType>> tracked = trackedBy(types, hard(quota).keySet());
    TreeMap<String, Qty> used = new TreeMap<>();
    Map<ResourceType, List<String>> byType = new LinkedHashMap<>();
    tracked.forEach((name, ts) -> {
      used.put(name, Qty.ZERO);
      ts.forEach(t -> byType.computeIfAbsent(t, k -> new ArrayList<>()).add(name));
    });
    byType.forEach((t, names) -> {
      for (ObjectNode o : store.snapshot(t, ns, Selector.everything())) {
        if (matchesScopes(quota, t, o)) {
          Resources.addInto(used, Resources.mask(usage(t, o, now), names));
        }
      }
    });
    return used;
  }
}
