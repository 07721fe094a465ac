package dev.keelson.governance.tenant;

import java.util.Objects;

/**
 * Who a tenant role is granted to: a user, a group, or a service account, as RBAC subjects name them.
 *
 * <pre>{@code
 * Subject.group("shop-admins");
 * Subject.serviceAccount("ci", "deployer");
 * }</pre>
 *
 * @param kind {@code User}, {@code Group} or {@code ServiceAccount}
 * @param name the subject's name
 * @param namespace the service account's namespace; empty for users and groups
 */
public record Subject(String kind, String name, String namespace) {

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    if (!kind.equals("User") && !kind.equals("Group") && !kind.equals("ServiceAccount")) {
      throw new IllegalArgumentException("kind: must be User, Group or ServiceAccount, got " + kind);
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: must not be blank");
    }
    if (kind.equals("ServiceAccount") == namespace.isEmpty()) {
      throw new IllegalArgumentException("namespace: a ServiceAccount needs one, users and groups have none");
    }
  }

  public static Subject user(String name) {
    return new Subject("User", name, "");
  }

  public static Subject group(String name) {
    return new Subject("Group", name, "");
  }

  public static Subject serviceAccount(String namespace, String name) {
    return new Subject("ServiceAccount", name, namespace);
  }
}
