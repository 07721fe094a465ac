package dev.keelson.testkit.internal.api.defaults;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The core/v1 defaults of a pod spec, wherever it appears (a Pod, or the template of a Deployment, Job, ...), from
 * {@code kubernetes/kubernetes — pkg/apis/core/v1/defaults.go} ({@code SetDefaults_PodSpec}, {@code _Container},
 * {@code _Probe}, {@code _HTTPGetAction}, {@code _Volume} and the volume sources, {@code _ObjectFieldSelector}) and
 * the declarative {@code +default="TCP"} of {@code ContainerPort.protocol} ({@code kubernetes/api — core/v1/types.go}).
 * {@link #pod} adds what only Pods get ({@code SetDefaults_Pod}).
 */
final class PodSpecDefaults {

  private static final String[] CONTAINER_LISTS = {"initContainers", "containers", "ephemeralContainers"};
  private static final String[] PROBES = {"livenessProbe", "readinessProbe", "startupProbe"};
  /** {@code SecretVolumeSourceDefaultMode} and its siblings: 0644. */
  private static final int DEFAULT_MODE = 0644;

  private PodSpecDefaults() {
  }

  /** {@code SetDefaults_PodSpec} and the defaults of everything inside a pod spec. */
  static void template(ObjectNode spec) {
    if (spec == null) {
      return;
    }
    Fields.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Fields.defaultText(spec, "restartPolicy", "Always");
    Fields.ensure(spec, "securityContext");
    Fields.defaultInt(spec, "terminationGracePeriodSeconds", 30);
    Fields.defaultText(spec, "schedulerName", "default-scheduler");
    for (String list : CONTAINER_LISTS) {
      Fields.items(spec, list).forEach(PodSpecDefaults::container);
    }
    Fields.items(spec, "volumes").forEach(PodSpecDefaults::volume);
  }

  /**
   * {@code SetDefaults_Pod} after the pod spec's: a container's limits fill its missing requests (Pods only, "not
   * a v1.PodTemplate"), {@code enableServiceLinks} is true, and with host networking every container port is also
   * a host port.
   */
  static void pod(ObjectNode pod) {
    ObjectNode spec = Fields.object(pod, "spec");
    if (spec == null) {
      return;
    }
    template(spec);
    for (String list : new String[] {"containers", "initContainers"}) {
      for (ObjectNode container : Fields.items(spec, list)) {
        limitsToRequests(Fields.object(container, "resources"));
      }
    }
    Fields.defaultBoolean(spec, "enableServiceLinks", true);
    if (spec.path("hostNetwork").asBoolean(false)) {
      for (String list : new String[] {"containers", "initContainers"}) {
        for (ObjectNode container : Fields.items(spec, list)) {
          for (ObjectNode port : Fields.items(container, "ports")) {
            if (Fields.zero(port, "hostPort")) {
              port.set("hostPort", port.get("containerPort"));
            }
          }
        }
      }
    }
  }

  private static void limitsToRequests(ObjectNode resources) {
    ObjectNode limits = Fields.object(resources, "limits");
    if (limits == null || limits.isEmpty()) {
      return;
    }
    ObjectNode requests = Fields.ensure(resources, "requests");
    for (Map.Entry<String, JsonNode> limit : limits.properties()) {
      if (!requests.has(limit.getKey())) {
        requests.set(limit.getKey(), limit.getValue().deepCopy());
      }
    }
  }

  /** {@code SetDefaults_Container} (also for init and ephemeral containers) and what a container holds. */
  private static void container(ObjectNode container) {
    if (Fields.unset(container, "imagePullPolicy")) {
      container.put("imagePullPolicy", "latest".equals(tag(container.path("image").asString(""))) ? "Always"
          : "IfNotPresent");
    }
    Fields.defaultText(container, "terminationMessagePath", "/dev/termination-log");
    Fields.defaultText(container, "terminationMessagePolicy", "File");
    for (ObjectNode port : Fields.items(container, "ports")) {
      Fields.defaultText(port, "protocol", "TCP");
    }
    for (String name : PROBES) {
      probe(Fields.object(container, name));
    }
    ObjectNode lifecycle = Fields.object(container, "lifecycle");
    for (String hook : List.of("postStart", "preStop")) {
      httpGet(Fields.object(Fields.object(lifecycle, hook), "httpGet"));
    }
    for (ObjectNode env : Fields.items(container, "env")) {
      fieldRef(Fields.object(Fields.object(env, "valueFrom"), "fieldRef"));
    }
  }

  /**
   * The tag {@code parsers.ParseImageName} finds: {@code latest} when the reference has neither tag nor digest, empty
   * when it has only a digest.
   */
  static String tag(String image) {
    String name = image;
    boolean digest = false;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
      digest = true;
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      return name.substring(colon + 1);
    }
    return digest ? "" : "latest";
  }

  /** {@code SetDefaults_Probe}: zero values become 1 s timeout, 10 s period, thresholds 1 and 3. */
  private static void probe(ObjectNode probe) {
    if (probe == null) {
      return;
    }
    defaultNonZero(probe, "timeoutSeconds", 1);
    defaultNonZero(probe, "periodSeconds", 10);
    defaultNonZero(probe, "successThreshold", 1);
    defaultNonZero(probe, "failureThreshold", 3);
    httpGet(Fields.object(probe, "httpGet"));
  }

  private static void defaultNonZero(ObjectNode parent, String field, int value) {
    if (Fields.zero(parent, field)) {
      parent.put(field, value);
    }
  }

  /** {@code SetDefaults_HTTPGetAction}. */
  private static void httpGet(ObjectNode action) {
    if (action != null) {
      Fields.defaultText(action, "path", "/");
      Fields.defaultText(action, "scheme", "HTTP");
    }
  }

  /** {@code SetDefaults_ObjectFieldSelector}. */
  private static void fieldRef(ObjectNode selector) {
    if (selector != null) {
      Fields.defaultText(selector, "apiVersion", "v1");
    }
  }

  /** {@code SetDefaults_Volume} and the defaults of its source. */
  private static void volume(ObjectNode volume) {
    boolean hasSource = false;
    for (Map.Entry<String, JsonNode> field : volume.properties()) {
      if (!field.getKey().equals("name") && !field.getValue().isNull()) {
        hasSource = true;
        break;
      }
    }
    if (!hasSource) {
      volume.putObject("emptyDir");
    }
    for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode s = Fields.object(volume, source);
      if (s != null) {
        Fields.defaultInt(s, "defaultMode", DEFAULT_MODE);
      }
    }
    for (ObjectNode item : Fields.items(Fields.object(volume, "downwardAPI"), "items")) {
      fieldRef(Fields.object(item, "fieldRef"));
    }
    for (ObjectNode projection : Fields.items(Fields.object(volume, "projected"), "sources")) {
      ObjectNode token = Fields.object(projection, "serviceAccountToken");
      if (token != null) {
        Fields.defaultInt(token, "expirationSeconds", 3600);
      }
      for (ObjectNode item : Fields.items(Fields.object(projection, "downwardAPI"), "items")) {
        fieldRef(Fields.object(item, "fieldRef"));
      }
    }
    ObjectNode hostPath = Fields.object(volume, "hostPath");
    if (hostPath != null && hostPath.get("type") == null) {
      hostPath.put("type", "");
    }
    ObjectNode claim = Fields.object(Fields.object(Fields.object(volume, "ephemeral"), "volumeClaimTemplate"),
        "spec");
    if (claim != null) {
      CoreDefaults.claimSpec(claim);
    }
  }
}
