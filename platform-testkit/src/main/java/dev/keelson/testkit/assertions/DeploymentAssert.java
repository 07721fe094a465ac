package dev.keelson.testkit.assertions;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a Deployment's rollout state, in the terms {@code kubectl rollout status} uses. */
public final class DeploymentAssert extends AbstractAssert<DeploymentAssert, Deployment> {

  DeploymentAssert(Deployment actual) {
    super(actual, DeploymentAssert.class);
  }

  private String name() {
    return actual.getMetadata().getNamespace() + "/" + actual.getMetadata().getName();
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  /**
   * The rollout is complete: the controller observed the latest generation and updated, ready and available
   * replicas all equal the desired count, with no old replicas left.
   */
  public DeploymentAssert isRolledOut() {
    isNotNull();
    var spec = actual.getSpec();
    var status = actual.getStatus();
    int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
    if (status == null) {
      failWithMessage("Expected Deployment %s to be rolled out, but it has no status yet", name());
      return this;
    }
    long generation = actual.getMetadata().getGeneration() == null ? 0 : actual.getMetadata().getGeneration();
    long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
    if (observed < generation) {
      failWithMessage("Expected Deployment %s to be rolled out, but the controller observed generation %s of %s",
          name(), observed, generation);
    }
    if (n(status.getUpdatedReplicas()) != desired || n(status.getReplicas()) != desired
        || n(status.getAvailableReplicas()) != desired || n(status.getReadyReplicas()) != desired) {
      failWithMessage("Expected Deployment %s to be rolled out to %s replicas, but replicas=%s updated=%s ready=%s "
              + "available=%s", name(), desired, n(status.getReplicas()), n(status.getUpdatedReplicas()),
          n(status.getReadyReplicas()), n(status.getAvailableReplicas()));
    }
    return this;
  }

  public DeploymentAssert hasReadyReplicas(int expected) {
    isNotNull();
    int ready = actual.getStatus() == null ? 0 : n(actual.getStatus().getReadyReplicas());
    if (ready != expected) {
      failWithMessage("Expected Deployment %s to have %s ready replicas, but it has %s", name(), expected, ready);
    }
    return this;
  }

  /** A status condition with this type, status and reason, e.g. Progressing/False/ProgressDeadlineExceeded. */
  public DeploymentAssert hasCondition(String type, String status, String reason) {
    isNotNull();
    var conditions = actual.getStatus() == null ? java.util.List.<DeploymentCondition>of()
        : actual.getStatus().getConditions();
    boolean found = conditions.stream().anyMatch(c -> Objects.equals(c.getType(), type)
        && Objects.equals(c.getStatus(), status) && Objects.equals(c.getReason(), reason));
    if (!found) {
      failWithMessage("Expected Deployment %s to have condition %s=%s (%s), but its conditions are %s", name(),
          type, status, reason, conditions.stream().map(c -> c.getType() + "=" + c.getStatus() + " ("
              + c.getReason() + ")").toList());
    }
    return this;
  }
}
