package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The StatefulSet controller's pod and claim factories ({@code newStatefulSetPod}, {@code updateIdentity},
 * {@code updateStorage}, {@code getPersistentVolumeClaims}): stable pod names {@code <set>-<ordinal>} with the
 * {@code statefulset.kubernetes.io/pod-name} and {@code apps.kubernetes.io/pod-index} labels, hostname and
 * subdomain, and one PersistentVolumeClaim per volumeClaimTemplate named {@code <claim>-<set>-<ordinal>}.
 */
final class StatefulSetPods {

  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
  static final String REVISION_LABEL = "controller-revision-hash";

  private static final Pattern ORDINAL = Pattern.compile("^(.*)-([0-9]+)$");

  private StatefulSetPods() {
  }

  /** {@code getOrdinal}: the ordinal of a pod of this set, or -1 when the name is not {@code <set>-<n>}. */
  static int ordinal(String setName, String podName) {
    if (podName == null) {
      return -1;
    }
    Matcher m = ORDINAL.matcher(podName);
    if (!m.matches() || !m.group(1).equals(setName)) {
      return -1;
    }
    try {
      return Integer.parseInt(m.group(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String podName(String setName, int ordinal) {
    return setName + "-" + ordinal;
  }

  static String claimName(String claim, String setName, int ordinal) {
    return claim + "-" + setName + "-" + ordinal;
  }

  /** The revision (controller-revision-hash label) of a pod, or "". */
  static String revision(JsonNode pod) {
    String r = Nodes.stringAt(pod, "metadata", "labels", REVISION_LABEL);
    return r == null ? "" : r;
  }

  /**
   * A pod for {@code ordinal} from {@code template} (the template of the revision the ordinal should run), labelled
   * with {@code revision}.
   */
  static ObjectNode newPod(JsonNode set, JsonNode template, int ordinal, String revision) {
    String setName = Nodes.stringAt(set, "metadata", "name");
    String name = podName(setName, ordinal);
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", Nodes.stringAt(set, "metadata", "namespace"));
    ObjectNode labels = meta.putObject("labels");
    JsonNode templateLabels = Nodes.at(template, "metadata", "labels");
    if (templateLabels != null && templateLabels.isObject()) {
      labels.setAll((ObjectNode) templateLabels.deepCopy());
    }
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revision);
    for (String field : new String[] {"annotations", "finalizers"}) {
      JsonNode value = Nodes.at(template, "metadata", field);
      if (value != null && !value.isEmpty()) {
        meta.set(field, value.deepCopy());
      }
    }
    meta.set("ownerReferences", ControllerRefs.controllerRefTo(set, "apps/v1", "StatefulSet"));
    JsonNode templateSpec = Nodes.at(template, "spec");
    ObjectNode spec = templateSpec instanceof ObjectNode o ? o.deepCopy() : Json.object();
    pod.set("spec", spec);
    spec.put("hostname", name);
    String service = Nodes.stringAt(set, "spec", "serviceName");
    if (service != null && !service.isEmpty()) {
      spec.put("subdomain", service);
    }
    updateStorage(set, spec, ordinal);
    return pod;
  }

  /** {@code updateStorage}: claim volumes first (template order), then the template's other volumes. */
  private static void updateStorage(JsonNode set, ObjectNode spec, int ordinal) {
    JsonNode claims = Nodes.at(set, "spec", "volumeClaimTemplates");
    if (claims == null || !claims.isArray() || claims.isEmpty()) {
      return;
    }
    String setName = Nodes.stringAt(set, "metadata", "name");
    Set<String> claimNames = new LinkedHashSet<>();
    ArrayNode volumes = Json.NODES.arrayNode();
    for (JsonNode claim : claims) {
      String name = Nodes.stringAt(claim, "metadata", "name");
      if (name == null || !claimNames.add(name)) {
        continue;
      }
      ObjectNode volume = volumes.addObject();
      volume.put("name", name);
      ObjectNode pvc = volume.putObject("persistentVolumeClaim");
      pvc.put("claimName", claimName(name, setName, ordinal));
    }
    JsonNode existing = spec.get("volumes");
    if (existing != null && existing.isArray()) {
      for (JsonNode v : existing) {
        if (!claimNames.contains(v.path("name").asString(""))) {
          volumes.add(v);
        }
      }
    }
    spec.set("volumes", volumes);
  }

  /** The claim for one volumeClaimTemplate and ordinal: template labels plus the selector's matchLabels. */
  static ObjectNode newClaim(JsonNode set, JsonNode claimTemplate, int ordinal) {
    String setName = Nodes.stringAt(set, "metadata", "name");
    ObjectNode claim = Json.object();
    claim.put("apiVersion", "v1");
    claim.put("kind", "PersistentVolumeClaim");
    ObjectNode meta = claim.putObject("metadata");
    meta.put("name", claimName(Nodes.stringAt(claimTemplate, "metadata", "name"), setName, ordinal));
    meta.put("namespace", Nodes.stringAt(set, "metadata", "namespace"));
    ObjectNode labels = Json.object();
    JsonNode templateLabels = Nodes.at(claimTemplate, "metadata", "labels");
    if (templateLabels instanceof ObjectNode o) {
      labels.setAll(o.deepCopy());
    }
    JsonNode matchLabels = Nodes.at(set, "spec", "selector", "matchLabels");
    if (matchLabels instanceof ObjectNode o) {
      labels.setAll(o.deepCopy());
    }
    if (!labels.isEmpty()) {
      meta.set("labels", labels);
    }
    JsonNode annotations = Nodes.at(claimTemplate, "metadata", "annotations");
    if (annotations != null && !annotations.isEmpty()) {
      meta.set("annotations", annotations.deepCopy());
    }
    JsonNode spec = Nodes.at(claimTemplate, "spec");
    claim.set("spec", spec == null ? Json.object() : spec.deepCopy());
    return claim;
  }
}
