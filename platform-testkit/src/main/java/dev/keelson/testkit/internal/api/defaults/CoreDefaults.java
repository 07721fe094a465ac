package dev.keelson.testkit.internal.api.defaults;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The core/v1 API defaults of the kinds other than pod specs ({@link PodSpecDefaults}), from
 * {@code kubernetes/kubernetes — pkg/apis/core/v1/defaults.go} and the declarative defaults of
 * {@code kubernetes/api — core/v1/types.go} ({@code ReplicationControllerSpec.replicas}, {@code ServicePort} and
 * {@code EndpointPort} protocols).
 */
final class CoreDefaults {

  private static final Set<String> EXTERNAL_TYPES = Set.of("NodePort", "LoadBalancer");
  /** {@code DefaultClientIPServiceAffinitySeconds}: three hours. */
  private static final int CLIENT_IP_AFFINITY_SECONDS = 10800;

  private CoreDefaults() {
  }

  static void apply(String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    switch (kind) {
      case "Pod" -> PodSpecDefaults.pod(object);
      case "PodTemplate" -> PodSpecDefaults.template(PodTemplates.templateSpec("", kind, object));
      case "ReplicationController" -> replicationController(object, spec);
      case "Service" -> service(object, spec);
      case "Secret" -> Fields.defaultText(object, "type", "Opaque");
      case "Namespace" -> namespace(object);
      case "PersistentVolume" -> persistentVolume(object, spec);
      case "PersistentVolumeClaim" -> {
        Fields.defaultText(Fields.ensure(object, "status"), "phase", "Pending");
        if (spec != null) {
          claimSpec(spec);
        }
      }
      case "Node" -> nodeStatus(Fields.object(object, "status"));
      case "LimitRange" -> Fields.items(spec, "limits").forEach(CoreDefaults::limitRangeItem);
      case "Endpoints" -> {
        for (ObjectNode subset : Fields.items(object, "subsets")) {
          Fields.items(subset, "ports").forEach(p -> Fields.defaultText(p, "protocol", "TCP"));
        }
      }
      default -> {
      }
    }
  }

  /** {@code SetDefaults_PersistentVolumeClaimSpec}: claims, claim templates and ephemeral volume templates. */
  static void claimSpec(ObjectNode spec) {
    Fields.defaultText(spec, "volumeMode", "Filesystem");
  }

  /** {@code SetDefaults_ReplicationController}, and replicas 1 ({@code +default=1}). */
  private static void replicationController(ObjectNode object, ObjectNode spec) {
    if (spec == null) {
      return;
    }
    Fields.defaultInt(spec, "replicas", 1);
    ObjectNode templateMeta = Fields.object(Fields.object(spec, "template"), "metadata");
    ObjectNode labels = Fields.object(templateMeta, "labels");
    if (labels != null) {
      if (Fields.object(spec, "selector") == null || spec.get("selector").isEmpty()) {
        spec.set("selector", labels.deepCopy());
      }
      ObjectNode meta = Fields.ensure(object, "metadata");
      if (Fields.object(meta, "labels") == null || meta.get("labels").isEmpty()) {
        meta.set("labels", labels.deepCopy());
      }
    }
    PodSpecDefaults.template(PodTemplates.templateSpec("", "ReplicationController", object));
  }

  /** {@code SetDefaults_Service}. */
  private static void service(ObjectNode object, ObjectNode spec) {
    if (spec == null) {
      return;
    }
    Fields.defaultText(spec, "sessionAffinity", "None");
    String affinity = spec.get("sessionAffinity").asString();
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && spec.path("sessionAffinityConfig").path("clientIP").path("timeoutSeconds").isMissingNode()) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", CLIENT_IP_AFFINITY_SECONDS);
    }
    Fields.defaultText(spec, "type", "ClusterIP");
    String type = spec.get("type").asString();
    for (ObjectNode port : Fields.items(spec, "ports")) {
      Fields.defaultText(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      if (target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
          || (target.isString() && target.asString().isEmpty())) {
        port.set("targetPort", port.get("port"));
      }
    }
    // service.ExternallyAccessible: node ports, load balancers, or a cluster IP with external IPs.
    boolean external = EXTERNAL_TYPES.contains(type)
        || (type.equals("ClusterIP") && spec.get("externalIPs") instanceof ArrayNode ips && !ips.isEmpty());
    if (external) {
      Fields.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (type.equals("ClusterIP") || EXTERNAL_TYPES.contains(type)) {
      Fields.defaultText(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Fields.defaultBoolean(spec, "allocateLoadBalancerNodePorts", true);
      ObjectNode loadBalancer = Fields.object(Fields.object(object, "status"), "loadBalancer");
      for (ObjectNode ingress : Fields.items(loadBalancer, "ingress")) {
        if (!Fields.unset(ingress, "ip")) {
          Fields.defaultText(ingress, "ipMode", "VIP");
        }
      }
    }
  }

  /** {@code SetDefaults_Namespace} and {@code SetDefaults_NamespaceStatus}. */
  private static void namespace(ObjectNode object) {
    ObjectNode meta = Fields.object(object, "metadata");
    String name = meta == null ? "" : meta.path("name").asString("");
    if (!name.isEmpty()) {
      Fields.ensure(meta, "labels").put("kubernetes.io/metadata.name", name);
    }
    Fields.defaultText(Fields.ensure(object, "status"), "phase", "Active");
  }

  /** {@code SetDefaults_PersistentVolume}. */
  private static void persistentVolume(ObjectNode object, ObjectNode spec) {
    Fields.defaultText(Fields.ensure(object, "status"), "phase", "Pending");
    if (spec != null) {
      Fields.defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
      Fields.defaultText(spec, "volumeMode", "Filesystem");
    }
  }

  /** {@code SetDefaults_NodeStatus}: allocatable is the capacity when unset. */
  private static void nodeStatus(ObjectNode status) {
    if (status != null && Fields.object(status, "allocatable") == null && Fields.object(status, "capacity") != null) {
      status.set("allocatable", status.get("capacity").deepCopy());
    }
  }

  /** {@code SetDefaults_LimitRangeItem}: a Container item's default ← max, defaultRequest ← default ← min. */
  private static void limitRangeItem(ObjectNode item) {
    if (!"Container".equals(item.path("type").asString(""))) {
      return;
    }
    ObjectNode defaults = Fields.ensure(item, "default");
    ObjectNode defaultRequests = Fields.ensure(item, "defaultRequest");
    fillMissing(defaults, Fields.object(item, "max"));
    fillMissing(defaultRequests, defaults);
    fillMissing(defaultRequests, Fields.object(item, "min"));
    // Go's omitempty drops the maps the defaulter allocated and left empty.
    if (defaults.isEmpty()) {
      item.remove("default");
    }
    if (defaultRequests.isEmpty()) {
      item.remove("defaultRequest");
    }
  }

  private static void fillMissing(ObjectNode target, ObjectNode source) {
    if (source == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      if (!target.has(e.getKey())) {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }
}
