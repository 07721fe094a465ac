package dev.keelson.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.Objects;

/**
 * Which Kubernetes object something is about: apiVersion, kind, namespace ({@code ""} when cluster-scoped) and
 * name. Plans, apply results, events and audit records all point at objects with it.
 *
 * <pre>{@code
 * ObjectRef web = ObjectRef.of(deployment);
 * web.toString();      // "Deployment shop/web"
 * web.groupKind();     // "Deployment.apps"
 * }</pre>
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::group)
      .thenComparing(ObjectRef::kind).thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** The reference of an object; its apiVersion, kind and name must be set. */
  public static ObjectRef of(HasMetadata object) {
    Objects.requireNonNull(object, "object");
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    return new ObjectRef(String.valueOf(object.getApiVersion()), String.valueOf(object.getKind()),
        object.getMetadata() == null ? "" : object.getMetadata().getNamespace(), String.valueOf(name));
  }

  /** The API group: {@code "apps"} for {@code apps/v1}, {@code ""} for the core group's {@code v1}. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Kind and group as kubectl writes them: {@code Deployment.apps}, or just {@code Service} for the core group. */
  public String groupKind() {
    String group = group();
    return group.isEmpty() ? kind : kind + "." + group;
  }

  /** True for cluster-scoped objects (no namespace). */
  public boolean isClusterScoped() {
    return namespace.isEmpty();
  }

  @Override
  public int compareTo(ObjectRef other) {
    return ORDER.compare(this, other);
  }

  /** {@code Deployment shop/web}, or {@code Namespace shop} for cluster-scoped objects. */
  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
