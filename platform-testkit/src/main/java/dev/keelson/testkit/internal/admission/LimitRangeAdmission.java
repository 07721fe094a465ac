package dev.keelson.testkit.internal.admission;

import dev.keelson.testkit.internal.admission.Resources.Qty;
import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code LimitRanger} admission plugin. On pod create it first sets, for every container and init container,
 * the limits and requests the namespace's LimitRanges default (type {@code Container}: {@code default}, else
 * {@code max}; {@code defaultRequest}, else {@code default}, else {@code min}) and records them in the
 * {@code kubernetes.io/limit-ranger} annotation; then it enforces {@code min}, {@code max} and
 * {@code maxLimitRequestRatio} of {@code Container} and {@code Pod} items. PersistentVolumeClaims (create and
 * update) are held to the {@code storage} min/max of {@code PersistentVolumeClaim} items. Violations are a 403
 * with upstream's wording; several are listed as {@code [e1, e2]}.
 */
public final class LimitRangeAdmission implements Admission {

  static final String ANNOTATION = "kubernetes.io/limit-ranger";

  private final ApiServer api;
  private final ResourceType limitRanges;

  public LimitRangeAdmission(ApiServer api) {
    this.api = api;
    this.limitRanges = api.type("v1", "LimitRange");
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    boolean pod = QuotaUsage.isPod(type) && operation == Operation.CREATE;
    boolean claim = type.group().isEmpty() && type.plural().equals("persistentvolumeclaims")
        && operation != Operation.DELETE;
    if (!pod && !claim) {
      return;
    }
    String ns = Json.text(object, "metadata", "namespace");
    if (ns == null) {
      return;
    }
    List<ObjectNode> ranges = api.store().snapshot(limitRanges, ns, Selector.everything());
    if (ranges.isEmpty()) {
      return;
    }
    List<String> errors = new ArrayList<>();
    if (pod) {
      for (ObjectNode range : ranges) {
        applyDefaults(object, range);
      }
      for (ObjectNode range : ranges) {
        validatePod(object, range, errors);
      }
    } else {
      for (ObjectNode range : ranges) {
        validateClaim(object, range, errors);
      }
    }
    Set<String> distinct = new LinkedHashSet<>(errors);
    if (!distinct.isEmpty()) {
      String inner = distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
      throw ApiException.forbidden(type, ResourceQuotaAdmission.displayName(object), inner);
    }
  }

  // ---------------------------------------------------------------------------------------------- defaulting

  /** The Container items' defaults after LimitRange API defaulting: [limits, requests]. */
  private static List<TreeMap<String, String>> containerDefaults(JsonNode range) {
    TreeMap<String, String> limits = new TreeMap<>();
    TreeMap<String, String> requests = new TreeMap<>();
    for (JsonNode item : range.path("spec").path("limits")) {
      if (!"Container".equals(item.path("type").asString(""))) {
        continue;
      }
      TreeMap<String, String> def = strings(item.get("default"));
      TreeMap<String, String> defReq = strings(item.get("defaultRequest"));
      strings(item.get("max")).forEach(def::putIfAbsent);
      def.forEach(defReq::putIfAbsent);
      strings(item.get("min")).forEach(defReq::putIfAbsent);
      limits.putAll(def);
      requests.putAll(defReq);
    }
    return List.of(limits, requests);
  }

  private static TreeMap<String, String> strings(JsonNode list) {
    TreeMap<String, String> out = new TreeMap<>();
    Resources.read(list).forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }

  private static void applyDefaults(ObjectNode pod, JsonNode range) {
    List<TreeMap<String, String>> defaults = containerDefaults(range);
    TreeMap<String, String> limits = defaults.get(0);
    TreeMap<String, String> requests = defaults.get(1);
    if (limits.isEmpty() && requests.isEmpty()) {
      return;
    }
    List<String> notes = new ArrayList<>();
    JsonNode spec = pod.path("spec");
    for (String list : List.of("containers", "initContainers")) {
      String prefix = list.equals("containers") ? "container" : "init container";
      for (JsonNode c : spec.path(list)) {
        if (c.isObject()) {
          merge((ObjectNode) c, limits, requests, prefix, notes);
        }
      }
    }
    if (!notes.isEmpty()) {
      Json.metadata(pod).withObject("annotations").put(ANNOTATION, "LimitRanger plugin set: "
          + String.join("; ", notes));
    }
  }

  /** {@code mergeContainerResources}; a limit without a request counts as a request (API defaulting). */
  private static void merge(ObjectNode container, Map<String, String> limits, Map<String, String> requests,
      String prefix, List<String> notes) {
    String name = container.path("name").asString("");
    ObjectNode resources = container.withObject("resources");
    Set<String> originalLimits = new TreeSet<>(PodResources.limits(container).keySet());
    Set<String> originalRequests = new TreeSet<>(Resources.read(resources.get("requests")).keySet());
    List<String> setRequests = new ArrayList<>();
    List<String> setLimits = new ArrayList<>();
    limits.forEach((k, v) -> {
      if (!originalLimits.contains(k)) {
        resources.withObject("limits").put(k, v);
        setLimits.add(k);
      }
    });
    requests.forEach((k, v) -> {
      if (!originalRequests.contains(k) && !originalLimits.contains(k)) {
        resources.withObject("requests").put(k, v);
        setRequests.add(k);
      }
    });
    if (!setRequests.isEmpty()) {
      notes.add(String.join(", ", setRequests) + " request for " + prefix + " " + name);
    }
    if (!setLimits.isEmpty()) {
      notes.add(String.join(", ", setLimits) + " limit for " + prefix + " " + name);
    }
  }

  // ---------------------------------------------------------------------------------------------- validation

  private static void validatePod(JsonNode pod, JsonNode range, List<String> errors) {
    for (JsonNode item : range.path("spec").path("limits")) {
      String itemType = item.path("type").asString("");
      if (itemType.equals("Container")) {
        for (String list : List.of("containers", "initContainers")) {
          for (JsonNode c : pod.path("spec").path(list)) {
            check(itemType, item, PodResources.requests(c), PodResources.limits(c), errors);
          }
        }
      } else if (itemType.equals("Pod")) {
        check(itemType, item, PodResources.podRequests(pod), PodResources.podLimits(pod), errors);
      }
    }
  }

  private static void check(String itemType, JsonNode item, Map<String, Qty> requests, Map<String, Qty> limits,
      List<String> errors) {
    Resources.read(item.get("min")).forEach((r, v) -> add(errors, min(itemType, r, v, requests, limits)));
    Resources.read(item.get("max")).forEach((r, v) -> add(errors, max(itemType, r, v, requests, limits)));
    Resources.read(item.get("maxLimitRequestRatio"))
        .forEach((r, v) -> add(errors, ratio(itemType, r, v, requests, limits)));
  }

  private static void validateClaim(JsonNode claim, JsonNode range, List<String> errors) {
    Map<String, Qty> requests = Resources.read(claim.path("spec").path("resources").get("requests"));
    for (JsonNode item : range.path("spec").path("limits")) {
      String itemType = item.path("type").asString("");
      if (!itemType.equals("PersistentVolumeClaim")) {
        continue;
      }
      Resources.read(item.get("min")).forEach((r, v) -> add(errors, min(itemType, r, v, requests, Map.of())));
      Resources.read(item.get("max")).forEach((r, v) -> {
        Qty req = requests.get(r);
        if (req == null) {
          errors.add("maximum " + r + " usage per " + itemType + " is " + v + ".  No request is specified");
        } else if (req.compareTo(v) > 0) {
          errors.add("maximum " + r + " usage per " + itemType + " is " + v + ", but request is " + req);
        }
      });
    }
  }

  private static void add(List<String> errors, String error) {
    if (error != null) {
      errors.add(error);
    }
  }

  private static String min(String type, String r, Qty enforced, Map<String, Qty> requests,
      Map<String, Qty> limits) {
    Qty req = requests.get(r);
    Qty lim = limits.get(r);
    String head = "minimum " + r + " usage per " + type + " is " + enforced;
    if (req == null) {
      return head + ".  No request is specified";
    }
    if (req.compareTo(enforced) < 0) {
      return head + ", but request is " + req;
    }
    if (lim != null && lim.compareTo(enforced) < 0) {
      return head + ", but limit is " + lim;
    }
    return null;
  }

  private static String max(String type, String r, Qty enforced, Map<String, Qty> requests,
      Map<String, Qty> limits) {
    Qty req = requests.get(r);
    Qty lim = limits.get(r);
    String head = "maximum " + r + " usage per " + type + " is " + enforced;
    if (lim == null) {
      return head + ".  No limit is specified";
    }
    if (lim.compareTo(enforced) > 0) {
      return head + ", but limit is " + lim;
    }
    if (req != null && req.compareTo(enforced) > 0) {
      return head + ", but request is " + req;
    }
    return null;
  }

  private static String ratio(String type, String r, Qty enforced, Map<String, Qty> requests,
      Map<String, Qty> limits) {
    Qty req = requests.get(r);
    Qty lim = limits.get(r);
    String head = r + " max limit to request ratio per " + type + " is " + enforced;
    if (req == null || req.isZero()) {
      return head + ", but no request is specified or request is 0";
    }
    if (lim == null || lim.isZero()) {
      return head + ", but no limit is specified or limit is 0";
    }
    BigDecimal observed = lim.value().divide(req.value(), MathContext.DECIMAL64);
    if (observed.compareTo(enforced.value()) > 0) {
      return head + ", but provided ratio is " + String.format(Locale.ROOT, "%f", observed.doubleValue());
    }
    return null;
  }
}
