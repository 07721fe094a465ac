package dev.keelson.testkit.internal.api.defaults;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites every {@code resource.Quantity} field of the built-in kinds to the text the API server stores
 * ({@link CanonicalQuantity}): JSON numbers become strings, {@code "0.5"} becomes {@code "500m"}. Values of a
 * {@code ResourceList} (requests, limits, overhead, quota, LimitRange items, claim and volume capacity, node capacity)
 * are also rounded up to milli units; single quantities (emptyDir {@code sizeLimit}, resource field divisors, HPA
 * metric values) are not. Field locations follow {@code kubernetes/api — core/v1/types.go},
 * {@code autoscaling/v2/types.go}.
 */
final class QuantityFields {

  private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};
  private static final String[] LIMIT_RANGE_LISTS = {"max", "min", "default", "defaultRequest",
      "maxLimitRequestRatio"};
  private static final String[] METRIC_SOURCES = {"object", "pods", "resource", "containerResource", "external"};

  private QuantityFields() {
  }

  /** Canonicalises the quantities of {@code object}, a {@code kind} of API group {@code group}, in place. */
  static void canonicalise(String group, String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    ObjectNode status = Fields.object(object, "status");
    if (PodTemplates.isPod(group, kind)) {
      podSpec(spec);
      return;
    }
    ObjectNode template = PodTemplates.templateSpec(group, kind, object);
    if (template != null) {
      podSpec(template);
    }
    switch (group + "/" + kind) {
      case "apps/StatefulSet" -> Fields.items(spec, "volumeClaimTemplates").forEach(QuantityFields::claim);
      case "/ResourceQuota" -> {
        resourceList(spec, "hard");
        resourceList(status, "hard");
        resourceList(status, "used");
      }
      case "/LimitRange" -> {
        for (ObjectNode item : Fields.items(spec, "limits")) {
          for (String list : LIMIT_RANGE_LISTS) {
            resourceList(item, list);
          }
        }
      }
      case "/PersistentVolumeClaim" -> claim(object);
      case "/PersistentVolume" -> resourceList(spec, "capacity");
      case "/Node" -> {
        resourceList(status, "capacity");
        resourceList(status, "allocatable");
      }
      case "autoscaling/HorizontalPodAutoscaler" -> {
        Fields.items(spec, "metrics").forEach(m -> metric(m, "target"));
        Fields.items(status, "currentMetrics").forEach(m -> metric(m, "current"));
      }
      default -> {
      }
    }
  }

  private static void podSpec(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    for (String list : CONTAINER_LISTS) {
      for (ObjectNode container : Fields.items(spec, list)) {
        requirements(Fields.object(container, "resources"));
        for (ObjectNode env : Fields.items(container, "env")) {
          single(Fields.object(Fields.object(env, "valueFrom"), "resourceFieldRef"), "divisor");
        }
      }
    }
    requirements(Fields.object(spec, "resources"));
    resourceList(spec, "overhead");
    for (ObjectNode volume : Fields.items(spec, "volumes")) {
      single(Fields.object(volume, "emptyDir"), "sizeLimit");
      claim(Fields.object(Fields.object(volume, "ephemeral"), "volumeClaimTemplate"));
      for (ObjectNode item : Fields.items(Fields.object(volume, "downwardAPI"), "items")) {
        single(Fields.object(item, "resourceFieldRef"), "divisor");
      }
    }
  }

  /** A PersistentVolumeClaim, or a claim template: requested resources and (when present) the capacity. */
  private static void claim(ObjectNode claim) {
    if (claim == null) {
      return;
    }
    requirements(Fields.object(Fields.object(claim, "spec"), "resources"));
    ObjectNode status = Fields.object(claim, "status");
    resourceList(status, "capacity");
    resourceList(status, "allocatedResources");
  }

  private static void requirements(ObjectNode resources) {
    resourceList(resources, "limits");
    resourceList(resources, "requests");
  }

  /** One HPA metric: the {@code target} (spec) or {@code current} (status) of whichever source it has. */
  private static void metric(ObjectNode metric, String part) {
    for (String source : METRIC_SOURCES) {
      ObjectNode values = Fields.object(Fields.object(metric, source), part);
      single(values, "value");
      single(values, "averageValue");
    }
  }

  private static void resourceList(ObjectNode parent, String field) {
    ObjectNode list = Fields.object(parent, field);
    if (list == null) {
      return;
    }
    for (String name : List.copyOf(list.propertyNames())) {
      JsonNode value = list.get(name);
      // A null decodes to the zero Quantity, which encodes as "0".
      list.put(name, value.isNull() ? "0" : canonical(value, true));
    }
  }

  private static void single(ObjectNode parent, String field) {
    if (parent != null && parent.get(field) != null && !parent.get(field).isNull()) {
      parent.put(field, canonical(parent.get(field), false));
    }
  }

  private static String canonical(JsonNode value, boolean milli) {
    // A JSON number decodes like the string of its digits; anything else fails ParseQuantity.
    String text = value.isNumber() || value.isString() ? value.asString() : value.toString();
    try {
      return CanonicalQuantity.of(text, milli);
    } catch (IllegalArgumentException e) {
      throw new InvalidQuantityException(e.getMessage());
    }
  }
}
