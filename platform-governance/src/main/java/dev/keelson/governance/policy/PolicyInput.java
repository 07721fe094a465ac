package dev.keelson.governance.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a rule judges: one object, its pod template if it has one, and the context it is judged among.
 *
 * <pre>{@code
 * PolicyInput input = PolicyInput.of(deployment, PolicyContext.none());
 * input.podTemplate().map(t -> t.spec().getContainers());
 * }</pre>
 */
public final class PolicyInput {

  private final HasMetadata object;
  private final Optional<PodTemplate> podTemplate;
  private final PolicyContext context;
  private final KubernetesSerialization serialization;
  private JsonNode json;

  PolicyInput(HasMetadata object, PolicyContext context, KubernetesSerialization serialization) {
    this.object = Objects.requireNonNull(object, "object");
    this.podTemplate = PodTemplate.of(object);
    this.context = Objects.requireNonNull(context, "context");
    this.serialization = serialization;
  }

  /** An input for a rule of one's own, e.g. in a test. */
  public static PolicyInput of(HasMetadata object, PolicyContext context) {
    return new PolicyInput(object, context, new KubernetesSerialization());
  }

  public HasMetadata object() {
    return object;
  }

  /** The object's pod: itself for a Pod, the template of a workload; empty for other kinds. */
  public Optional<PodTemplate> podTemplate() {
    return podTemplate;
  }

  /** {@link #podTemplate()} as a list, for streams. */
  public List<PodTemplate> podTemplates() {
    return podTemplate.map(List::of).orElse(List.of());
  }

  public PolicyContext context() {
    return context;
  }

  /** The object's namespace, or the empty string. */
  public String namespace() {
    return PolicyContext.namespace(object);
  }

  /** The object as a JSON tree, computed once, for path-based rules. */
  JsonNode json() {
    if (json == null) {
      json = serialization.convertValue(object, JsonNode.class);
    }
    return json;
  }
}
