package dev.keelson.core.internal.loop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** State in an annotation of the owning object, written by a merge patch that carries its resourceVersion. */
public final class AnnotationLocation implements StateLocation {

  private final Resource<HasMetadata> owner;
  private final String annotation;
  private final String described;

  public AnnotationLocation(KubernetesClient client, HasMetadata owner, String annotation) {
    // A resource made from an object patches it by name without reading it first (unlike withName(...)).
    this.owner = client.resource(owner);
    this.annotation = annotation;
    this.described = "annotation " + annotation + " of " + owner.getKind() + " "
        + (owner.getMetadata().getNamespace() == null ? "" : owner.getMetadata().getNamespace() + "/")
        + owner.getMetadata().getName();
  }

  @Override
  public Snapshot read() {
    HasMetadata object = owner.get();
    if (object == null) {
      return new Snapshot(false, null, null);
    }
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(annotation);
    return new Snapshot(true, json, object.getMetadata().getResourceVersion());
  }

  @Override
  public String write(String json, Snapshot at) {
    if (!at.exists()) {
      throw new IllegalStateException("cannot store state: the object of " + describe() + " does not exist");
    }
    HasMetadata patched = owner.patch(PatchContext.of(PatchType.JSON_MERGE),
        StateJson.conditionalPatch(at.version(), "annotations", annotation, json));
    return patched.getMetadata().getResourceVersion();
  }

  @Override
  public String describe() {
    return described;
  }
}
