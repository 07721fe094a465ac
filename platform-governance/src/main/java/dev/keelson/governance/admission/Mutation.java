package dev.keelson.governance.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A change the admission handler makes to an object before it is checked, returned to the API server as a JSON
 * patch. Mutations receive a copy and change it in place.
 *
 * <pre>{@code
 * Mutation team = object -> object.getMetadata().getLabels().putIfAbsent("team", "platform");
 * }</pre>
 */
@FunctionalInterface
public interface Mutation {

  /** Changes the object (a copy of the request's) in place. */
  void apply(HasMetadata object);
}
