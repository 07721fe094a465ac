package dev.keelson.testkit.assertions;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a set of pods: how many, and in which phase. */
public final class PodsAssert extends AbstractAssert<PodsAssert, List<Pod>> {

  private final String description;

  PodsAssert(String description, List<Pod> pods) {
    super(List.copyOf(pods), PodsAssert.class);
    this.description = description;
  }

  /** Only the pods carrying this label. */
  public PodsAssert withLabel(String key, String value) {
    List<Pod> matching = actual.stream().filter(p -> p.getMetadata().getLabels() != null
        && Objects.equals(p.getMetadata().getLabels().get(key), value)).toList();
    return new PodsAssert(description + " with " + key + "=" + value, matching);
  }

  public PodsAssert haveCount(int expected) {
    if (actual.size() != expected) {
      failWithMessage("Expected %s pods in %s, but found %s: %s", expected, description, actual.size(), names());
    }
    return this;
  }

  public PodsAssert areInPhase(String phase) {
    List<String> other = actual.stream().filter(p -> p.getStatus() == null
        || !phase.equals(p.getStatus().getPhase())).map(p -> p.getMetadata().getName() + "=" + (p.getStatus() == null
        ? "none" : p.getStatus().getPhase())).toList();
    if (!other.isEmpty()) {
      failWithMessage("Expected every pod in %s to be %s, but these are not: %s", description, phase, other);
    }
    return this;
  }

  public PodsAssert areRunning() {
    return areInPhase("Running");
  }

  private List<String> names() {
    return actual.stream().map(p -> p.getMetadata().getName()).toList();
  }
}
