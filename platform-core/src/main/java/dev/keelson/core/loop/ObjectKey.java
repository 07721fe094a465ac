package dev.keelson.core.loop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * The usual key of a control loop: an object's namespace and name ({@code ""} as namespace for cluster-scoped
 * objects).
 *
 * <pre>{@code
 * ObjectKey key = ObjectKey.of(deployment);          // shop/web
 * ObjectKey node = ObjectKey.of("", "node-a");       // node-a
 * }</pre>
 *
 * @param namespace the namespace, or {@code ""} for a cluster-scoped object
 * @param name the object's name
 */
public record ObjectKey(String namespace, String name) {

  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  public static ObjectKey of(String namespace, String name) {
    return new ObjectKey(namespace, name);
  }

  /** The key of an object, from its metadata. */
  public static ObjectKey of(HasMetadata object) {
    return new ObjectKey(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
