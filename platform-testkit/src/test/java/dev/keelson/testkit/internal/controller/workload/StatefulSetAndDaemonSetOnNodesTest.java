package dev.keelson.testkit.internal.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.controller.ControllerManager;
import dev.keelson.testkit.internal.controller.GarbageCollector;
import dev.keelson.testkit.internal.controller.node.NodeControllers;
import dev.keelson.testkit.internal.controller.node.NodeSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The StatefulSet and DaemonSet controllers with the real scheduler and kubelet of the node package. */
class StatefulSetAndDaemonSetOnNodesTest {

  private final TestClock clock = new TestClock(WorkloadCluster.START);
  private final ObjectStore store = new ObjectStore(clock, 11L);
  private final ResourceTypes types = new ResourceTypes();
  private final ApiServer api = new ApiServer(types, store);
  private final ControllerManager manager = new ControllerManager(store, types);
  private final ResourceType pods = api.type("v1", "Pod");
  private final NodeControllers nodes;

  StatefulSetAndDaemonSetOnNodesTest() {
    manager.register(new GarbageCollector(api));
    nodes = NodeControllers.install(manager, api);
    StatefulSetControllers.install(manager, api);
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    Json.metadata(ns).put("name", WorkloadCluster.NAMESPACE);
    api.create(api.type("v1", "Namespace"), null, ns, "test", false);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private void advance(Duration by) {
    manager.advanceTo(clock.instant().plus(by), clock::set);
  }

  private List<ObjectNode> pods(String app) {
    return store.list(pods, WorkloadCluster.NAMESPACE, Selector.parseLabels("app=" + app), Selector.everything())
        .items();
  }

  @Test
  void daemonPodsAreBoundByTheSchedulerToTheirNodeAndRun() {
    nodes.fleet().add("node-a").add(NodeSpec.named("node-b").unschedulable())
        .add(NodeSpec.named("node-c").taint("dedicated", "db", "NoSchedule"));
    advance(Duration.ofSeconds(10));
    ObjectNode ds = WorkloadCluster.deployment("agent", 1, "agent:1");
    ds.put("kind", "DaemonSet");
    ((ObjectNode) ds.get("spec")).remove("replicas");
    api.create(api.type("apps/v1", "DaemonSet"), WorkloadCluster.NAMESPACE, ds, "test", false);
    advance(Duration.ofMinutes(1));

    List<ObjectNode> agents = pods("agent");
    assertThat(agents).extracting(p -> Json.text(p, "spec", "nodeName")).containsExactlyInAnyOrder("node-a",
        "node-b");
    assertThat(agents).allSatisfy(p -> {
      assertThat(Json.text(p, "spec", "nodeName")).isEqualTo(DaemonSetPlacement.targetNode(p));
      assertThat(Json.text(p, "status", "phase")).isEqualTo("Running");
    });
    ObjectNode status = (ObjectNode) api.get(api.type("apps/v1", "DaemonSet"), WorkloadCluster.NAMESPACE, "agent")
        .get("status");
    assertThat(status.path("desiredNumberScheduled").asInt()).isEqualTo(2);
    assertThat(status.path("numberReady").asInt()).isEqualTo(2);

    nodes.fleet().add("node-d");
    advance(Duration.ofMinutes(1));
    assertThat(pods("agent")).extracting(p -> Json.text(p, "spec", "nodeName")).contains("node-d").hasSize(3);
  }

  @Test
  void statefulPodsComeUpInOrderOnRealNodes() {
    nodes.fleet().add("node-a").add("node-b");
    advance(Duration.ofSeconds(10));
    ObjectNode sts = WorkloadCluster.deployment("db", 3, "postgres:16");
    sts.put("kind", "StatefulSet");
    api.create(api.type("apps/v1", "StatefulSet"), WorkloadCluster.NAMESPACE, sts, "test", false);
    advance(Duration.ofMinutes(2));

    assertThat(pods("db")).extracting(WorkloadCluster::name).containsExactlyInAnyOrder("db-0", "db-1", "db-2");
    ObjectNode status = (ObjectNode) api.get(api.type("apps/v1", "StatefulSet"), WorkloadCluster.NAMESPACE, "db")
        .get("status");
    assertThat(status.path("readyReplicas").asInt()).isEqualTo(3);
    assertThat(status.path("availableReplicas").asInt()).isEqualTo(3);
  }
}
