package dev.keelson.testkit.internal.api;

import dev.keelson.testkit.PodSecurityCheck;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PodSecurity admission plugin's enforce mode: a pod created in a namespace labelled
 * {@code pod-security.kubernetes.io/enforce=<level>} (and optionally {@code enforce-version}) is rejected with
 * Kubernetes' message when the {@link PodSecurityCheck} finds violations.
 */
public final class PodSecurityAdmission implements Admission {

  static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ObjectStore store;
  private final ResourceType namespaces;
  private final PodSecurityCheck check;

  public PodSecurityAdmission(ObjectStore store, ResourceTypes types, PodSecurityCheck check) {
    this.store = store;
    this.namespaces = types.byKind("v1", "Namespace").orElseThrow();
    this.check = check;
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (operation != Operation.CREATE || !type.group().isEmpty() || !type.plural().equals("pods")) {
      return;
    }
    ObjectNode namespace = store.stored(namespaces, null, Json.text(object, "metadata", "namespace"));
    if (namespace == null) {
      return;
    }
    String level = Json.labels(namespace).get(ENFORCE);
    if (level == null || level.equals("privileged")) {
      return;
    }
    String version = Json.labels(namespace).getOrDefault(ENFORCE_VERSION, "latest");
    Pod pod = SERIALIZATION.convertValue(object, Pod.class);
    List<String> violations = check.violations(level, version, pod);
    if (!violations.isEmpty()) {
      throw ApiException.forbidden(type, Json.text(object, "metadata", "name"), "violates PodSecurity \"" + level
          + ":" + version + "\": " + String.join(", ", violations));
    }
  }
}
