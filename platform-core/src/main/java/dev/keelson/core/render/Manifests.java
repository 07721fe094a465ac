package dev.keelson.core.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;

/**
 * YAML and JSON for rendered objects, and back. Output is stable: one {@code ---}-separated document per object,
 * in the given order, with map keys in the order the renderer put them (sorted).
 *
 * <pre>{@code
 * String yaml = Manifests.toYaml(objects);
 * List<HasMetadata> again = Manifests.fromYaml(yaml);   // equal to objects
 * }</pre>
 */
public final class Manifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {
  }

  /** Multi-document YAML, one document per object. */
  public static String toYaml(List<? extends HasMetadata> objects) {
    StringBuilder out = new StringBuilder();
    for (HasMetadata object : objects) {
      String doc = SERIALIZATION.asYaml(object);
      if (!doc.startsWith("---")) {
        out.append("---\n");
      }
      out.append(doc);
      if (!doc.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** One object as YAML. */
  public static String toYaml(HasMetadata object) {
    return toYaml(List.of(object));
  }

  /** A JSON array of the objects. */
  public static String toJson(List<? extends HasMetadata> objects) {
    return SERIALIZATION.asJson(objects);
  }

  /**
   * Parses multi-document YAML (or a JSON object) into typed fabric8 objects.
   *
   * @throws IllegalArgumentException when a document is not a Kubernetes object
   */
  public static List<HasMetadata> fromYaml(String yaml) {
    Object parsed = SERIALIZATION.unmarshal(yaml);
    List<HasMetadata> out = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      for (Object o : list) {
        out.add(asObject(o));
      }
    } else if (parsed != null) {
      out.add(asObject(parsed));
    }
    return out;
  }

  private static HasMetadata asObject(Object o) {
    if (o instanceof HasMetadata h) {
      return h;
    }
    throw new IllegalArgumentException("not a Kubernetes object: "
        + (o instanceof KubernetesResource ? o.getClass().getSimpleName() : String.valueOf(o)));
  }
}
