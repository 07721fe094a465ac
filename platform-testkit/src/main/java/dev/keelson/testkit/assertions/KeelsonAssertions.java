package dev.keelson.testkit.assertions;

import dev.keelson.testkit.RequestLog;
import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * AssertJ entry point for Kubernetes objects and the simulated cluster.
 *
 * <pre>{@code
 * assertThat(cluster).deployment("shop", "web").isRolledOut().hasReadyReplicas(3);
 * assertThat(cluster).pods("shop").withLabel("app.kubernetes.io/name", "web").haveCount(3).areRunning();
 * assertThat(cluster).service("shop", "web").routesOnlyToPodsLabelled("version", "green");
 * assertThat(cluster.requests()).hasNoWrites();
 * }</pre>
 */
public final class KeelsonAssertions {
  private KeelsonAssertions() {
  }

  public static ClusterAssert assertThat(SimulatedCluster cluster) {
    return new ClusterAssert(cluster);
  }

  public static DeploymentAssert assertThat(Deployment deployment) {
    return new DeploymentAssert(deployment);
  }

  public static RequestLogAssert assertThat(RequestLog log) {
    return new RequestLogAssert(log);
  }
}
