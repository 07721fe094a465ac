package dev.keelson.core.internal.plan;

import dev.keelson.core.ObjectRef;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the server what an apply would produce ({@code dryRun=All}) and whether that differs from the live object:
 * the check for what a local comparison cannot know (mutating webhooks, CRD defaulting and pruning, normalisation
 * of values the planner does not know about).
 */
public final class ServerDryRun {
  private final Kinds kinds;
  private final Retrier retrier;
  private final KubernetesSerialization serialization;
  private final String fieldManager;

  public ServerDryRun(Kinds kinds, Retrier retrier, KubernetesSerialization serialization, String fieldManager) {
    this.kinds = kinds;
    this.retrier = retrier;
    this.serialization = serialization;
    this.fieldManager = fieldManager;
  }

  /**
   * True when applying {@code desired} would leave {@code live} as it is; empty when the server cannot tell (the
   * dry run failed, e.g. on a field conflict), in which case the local answer stands.
   */
  public Optional<Boolean> wouldChangeNothing(ObjectRef ref, GenericKubernetesResource desired,
      GenericKubernetesResource live) {
    Optional<APIResource> resource = kinds.resource(ref.apiVersion(), ref.kind());
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    try {
      GenericKubernetesResource result = retrier.call("dry-run apply " + ref, () -> {
        var ops = kinds.operations(ref.apiVersion(), resource.get());
        return (ref.isClusterScoped() ? ops : ops.inNamespace(ref.namespace())).resource(desired).dryRun()
            .fieldManager(fieldManager).serverSideApply();
      }).value();
      return Optional.of(comparable(result).equals(comparable(live)));
    } catch (Retrier.AttemptsExhausted | KubernetesClientException e) {
      return Optional.empty();
    }
  }

  /** The object without what a dry run changes anyway: resourceVersion, generation, managedFields times. */
  private JsonNode comparable(GenericKubernetesResource object) {
    ObjectNode json = (ObjectNode) serialization.convertValue(object, JsonNode.class);
    if (json.get("metadata") instanceof ObjectNode meta) {
      meta.remove("resourceVersion");
      meta.remove("generation");
      if (meta.get("managedFields") instanceof ArrayNode entries) {
        entries.forEach(e -> ((ObjectNode) e).remove("time"));
      }
    }
    return json;
  }
}
