package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server does to every object it decodes from a write, before admission: the API defaults
 * ({@code SetDefaults_*} of {@code kubernetes/kubernetes — pkg/apis/<group>/<version>/defaults.go} and the
 * declarative {@code +default} markers of {@code kubernetes/api}) and the canonical text of every quantity
 * ({@link QuantityFields}). One class per API group holds the defaults; kinds of other groups are left as they are.
 *
 * <pre>{@code
 * ApiDefaults.apply(deploymentType, deployment);   // spec.replicas 1, strategy RollingUpdate 25%/25%, ...
 * }</pre>
 */
public final class ApiDefaults {

  private ApiDefaults() {
  }

  /**
   * Defaults {@code object} (a kind of {@code group}/{@code version}) in place and canonicalises its quantities.
   *
   * @throws InvalidQuantityException when a quantity field holds something that is not a quantity
   */
  public static void apply(String group, String version, String kind, ObjectNode object) {
    switch (group) {
      case "" -> CoreDefaults.apply(kind, object);
      case "apps" -> AppsDefaults.apply(kind, object);
      case "batch" -> BatchDefaults.apply(kind, object);
      case "autoscaling" -> AutoscalingDefaults.apply(version, kind, object);
      case "networking.k8s.io" -> NetworkingDefaults.apply(kind, object);
      case "rbac.authorization.k8s.io" -> RbacDefaults.apply(kind, object);
      default -> {
        return;
      }
    }
    QuantityFields.canonicalise(group, kind, object);
  }

  /**
   * Like {@link #apply} for a write of the status subresource: only {@code object}'s status is decoded (the rest is
   * the stored object's, which was decoded when it was written and must not be touched).
   */
  public static void applyToStatus(String group, String version, String kind, ObjectNode object) {
    JsonNode status = object.get("status");
    if (!(status instanceof ObjectNode)) {
      return;
    }
    ObjectNode statusOnly = object.objectNode();
    statusOnly.set("status", status);
    apply(group, version, kind, statusOnly);
    object.set("status", statusOnly.get("status"));
  }

  /**
   * What a Namespace's registry strategy adds on create ({@code kubernetes/kubernetes —
   * pkg/registry/core/namespace/strategy.go}, {@code PrepareForCreate}): the {@code kubernetes} finalizer in
   * {@code spec.finalizers}, which the namespace controller removes once the namespace is empty.
   */
  public static void prepareNamespaceForCreate(ObjectNode namespace) {
    ObjectNode spec = Fields.ensure(namespace, "spec");
    JsonNode finalizers = spec.get("finalizers");
    if (finalizers != null && finalizers.isArray()) {
      for (JsonNode f : finalizers) {
        if (f.asString("").equals("kubernetes")) {
          return;
        }
      }
      ((tools.jackson.databind.node.ArrayNode) finalizers).add("kubernetes");
    } else {
      spec.putArray("finalizers").add("kubernetes");
    }
  }
}
