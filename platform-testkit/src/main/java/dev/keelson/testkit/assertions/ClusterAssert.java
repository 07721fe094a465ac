package dev.keelson.testkit.assertions;

import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the state of a {@link SimulatedCluster}, read through its client. */
public final class ClusterAssert extends AbstractAssert<ClusterAssert, SimulatedCluster> {

  ClusterAssert(SimulatedCluster actual) {
    super(actual, ClusterAssert.class);
  }

  /** The Deployment {@code namespace/name}; fails when it does not exist. */
  public DeploymentAssert deployment(String namespace, String name) {
    isNotNull();
    Deployment d = actual.client().apps().deployments().inNamespace(namespace).withName(name).get();
    if (d == null) {
      failWithMessage("Expected Deployment %s/%s to exist, but it does not", namespace, name);
    }
    return new DeploymentAssert(d);
  }

  /** The Service {@code namespace/name}, to check where it routes; fails when it does not exist. */
  public ServiceAssert service(String namespace, String name) {
    isNotNull();
    Service s = actual.client().services().inNamespace(namespace).withName(name).get();
    if (s == null) {
      failWithMessage("Expected Service %s/%s to exist, but it does not", namespace, name);
    }
    return new ServiceAssert(actual.client(), s);
  }

  /** Pods of a namespace, to narrow with labels and check by phase. */
  public PodsAssert pods(String namespace) {
    isNotNull();
    List<Pod> pods = actual.client().pods().inNamespace(namespace).list().getItems();
    return new PodsAssert(namespace, pods);
  }

  /** The core/v1 Events of a namespace, oldest first, to narrow by object, reason and type. */
  public EventsAssert events(String namespace) {
    isNotNull();
    return new EventsAssert("Events of " + namespace,
        actual.client().v1().events().inNamespace(namespace).list().getItems());
  }

  /** Asserts that an object of this kind is absent, e.g. after garbage collection. */
  public ClusterAssert hasNoNamespace(String name) {
    isNotNull();
    if (actual.client().namespaces().withName(name).get() != null) {
      failWithMessage("Expected namespace %s to be gone, but it still exists", name);
    }
    return this;
  }
}
