package dev.keelson.core.it;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.Fleet;
import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Three simulated clusters labelled like a small company's fleet: prod in eu and us, staging in eu. */
final class ThreeClusters implements AutoCloseable {

  final Map<String, SimulatedCluster> simulated = new TreeMap<>();
  final Fleet fleet;

  ThreeClusters() {
    simulated.put("prod-eu", SimulatedCluster.start());
    simulated.put("prod-us", SimulatedCluster.start());
    simulated.put("staging-eu", SimulatedCluster.start());
    fleet = Fleet.of(
        Cluster.builder("prod-eu", client("prod-eu")).environment("prod").region("eu").build(),
        Cluster.builder("prod-us", client("prod-us")).environment("prod").region("us").build(),
        Cluster.builder("staging-eu", client("staging-eu")).environment("staging").region("eu")
            .label("canary", "true").build());
  }

  SimulatedCluster get(String name) {
    return simulated.get(name);
  }

  /** A client of its own, so that closing a simulated cluster takes its API server away but leaves the client. */
  private KubernetesClient client(String name) {
    return simulated.get(name).newClient(UnaryOperator.identity());
  }

  @Override
  public void close() {
    fleet.close();
    simulated.values().forEach(SimulatedCluster::close);
  }
}
