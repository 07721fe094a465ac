package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.node.ObjectNode;

/**
 * The rbac.authorization.k8s.io/v1 API defaults, from {@code kubernetes/kubernetes — pkg/apis/rbac/v1/defaults.go}:
 * a binding's roleRef and its User and Group subjects are in the RBAC group, ServiceAccount subjects in the core
 * group.
 */
final class RbacDefaults {

  private static final String GROUP = "rbac.authorization.k8s.io";

  private RbacDefaults() {
  }

  static void apply(String kind, ObjectNode object) {
    if (!kind.equals("RoleBinding") && !kind.equals("ClusterRoleBinding")) {
      return;
    }
    ObjectNode roleRef = Fields.object(object, "roleRef");
    if (roleRef != null) {
      Fields.defaultText(roleRef, "apiGroup", GROUP);
    }
    for (ObjectNode subject : Fields.items(object, "subjects")) {
      // A ServiceAccount's group is the core group, "", which the encoding omits.
      String subjectKind = subject.path("kind").asString("");
      if (subjectKind.equals("User") || subjectKind.equals("Group")) {
        Fields.defaultText(subject, "apiGroup", GROUP);
      }
    }
  }
}
