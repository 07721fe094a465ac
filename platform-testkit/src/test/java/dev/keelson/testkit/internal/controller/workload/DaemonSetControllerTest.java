package dev.keelson.testkit.internal.controller.workload;

import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.NAMESPACE;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DaemonSetControllerTest {

  private final WorkloadCluster cluster = new WorkloadCluster();
  private final ResourceType daemonSets = cluster.api.type("apps/v1", "DaemonSet");
  private final ResourceType nodes = cluster.api.type("v1", "Node");
  private int maxMissing;

  DaemonSetControllerTest() {
    StatefulSetControllers.install(cluster.manager, cluster.api);
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  private void node(String name, Consumer<ObjectNode> shape) {
    ObjectNode n = Json.object();
    n.put("apiVersion", "v1");
    n.put("kind", "Node");
    Json.metadata(n).put("name", name);
    Json.metadata(n).putObject("labels").put("kubernetes.io/hostname", name);
    n.putObject("spec");
    shape.accept(n);
    cluster.api.create(nodes, null, n, "test", false);
  }

  private void node(String name) {
    node(name, n -> { });
  }

  private static void taint(ObjectNode node, String key, String effect) {
    ObjectNode t = node.withObject("spec").withArray("taints").addObject();
    t.put("key", key);
    t.put("effect", effect);
  }

  private static ObjectNode daemonSet(String name, String image) {
    ObjectNode ds = WorkloadCluster.deployment(name, 1, image);
    ds.put("kind", "DaemonSet");
    ((ObjectNode) ds.get("spec")).remove("replicas");
    return ds;
  }

  private ObjectNode create(ObjectNode ds) {
    return cluster.api.create(daemonSets, NAMESPACE, ds, "test", false);
  }

  private ObjectNode get(String name) {
    return cluster.api.get(daemonSets, NAMESPACE, name);
  }

  /** The target node of each live pod of the app, sorted. */
  private List<String> podNodes(String app) {
    List<String> out = new ArrayList<>();
    for (ObjectNode pod : cluster.pods(app)) {
      if (!PodState.deleting(pod)) {
        out.add(DaemonSetPlacement.targetNode(pod));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void placesOnePodPinnedToEachNode() {
    node("node-a");
    node("node-b");
    node("node-c");
    create(daemonSet("agent", "agent:1"));
    cluster.settle();

    assertThat(podNodes("agent")).containsExactly("node-a", "node-b", "node-c");
    ObjectNode pod = cluster.pods("agent").get(0);
    assertThat(Json.text(pod, "metadata", "generateName")).isEqualTo("agent-");
    JsonNode term = pod.path("spec").path("affinity").path("nodeAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
    assertThat(term.size()).isEqualTo(1);
    JsonNode field = term.get(0).path("matchFields").get(0);
    assertThat(field.path("key").asString()).isEqualTo("metadata.name");
    assertThat(field.path("operator").asString()).isEqualTo("In");
    assertThat(pod.path("spec").has("nodeName")).as("binding is left to the scheduler").isFalse();
    List<String> tolerations = new ArrayList<>();
    pod.path("spec").path("tolerations").forEach(t -> tolerations.add(t.path("key").asString() + ":"
        + t.path("effect").asString() + ":" + t.path("operator").asString() + ":" + t.has("tolerationSeconds")));
    assertThat(tolerations).containsExactly(
        "node.kubernetes.io/not-ready:NoExecute:Exists:false",
        "node.kubernetes.io/unreachable:NoExecute:Exists:false",
        "node.kubernetes.io/disk-pressure:NoSchedule:Exists:false",
        "node.kubernetes.io/memory-pressure:NoSchedule:Exists:false",
        "node.kubernetes.io/pid-pressure:NoSchedule:Exists:false",
        "node.kubernetes.io/unschedulable:NoSchedule:Exists:false");
    assertThat(Json.text(pod, "metadata", "labels", "controller-revision-hash")).isNotEmpty();
    assertThat(Json.text(pod, "metadata", "labels", "pod-template-generation")).isEqualTo("1");
    assertThat(pod.path("metadata").path("ownerReferences").get(0).path("kind").asString()).isEqualTo("DaemonSet");

    ObjectNode ds = get("agent");
    assertThat(status(ds, "desiredNumberScheduled")).isEqualTo(3);
    assertThat(status(ds, "currentNumberScheduled")).isEqualTo(3);
    assertThat(status(ds, "numberReady")).isZero();
    assertThat(status(ds, "numberUnavailable")).isEqualTo(3);

    cluster.advance(Duration.ofSeconds(5));
    ds = get("agent");
    assertThat(status(ds, "numberReady")).isEqualTo(3);
    assertThat(status(ds, "numberAvailable")).isEqualTo(3);
    assertThat(status(ds, "updatedNumberScheduled")).isEqualTo(3);
    assertThat(status(ds, "numberMisscheduled")).isZero();
    assertThat(ds.path("status").has("numberUnavailable")).isFalse();
    assertThat(status(ds, "observedGeneration")).isEqualTo(1);
  }

  @Test
  void skipsTaintedNodesUnlessToleratedAndHonoursNodeSelector() {
    node("plain");
    node("dedicated", n -> taint(n, "dedicated", "NoSchedule"));
    node("cordoned", n -> ((ObjectNode) n.get("spec")).put("unschedulable", true));
    node("gpu", n -> Json.metadata(n).withObject("labels").put("gpu", "true"));
    create(daemonSet("agent", "agent:1"));
    ObjectNode selective = daemonSet("gpu-driver", "driver:1");
    ((ObjectNode) selective.path("spec").path("template").path("spec")).putObject("nodeSelector").put("gpu", "true");
    create(selective);
    ObjectNode tolerant = daemonSet("logs", "logs:1");
    ObjectNode toleration = ((ObjectNode) tolerant.path("spec").path("template").path("spec"))
        .putArray("tolerations").addObject();
    toleration.put("key", "dedicated");
    toleration.put("operator", "Exists");
    create(tolerant);
    cluster.settle();

    assertThat(podNodes("agent")).as("a cordoned node still runs daemon pods").containsExactly("cordoned", "gpu",
        "plain");
    assertThat(podNodes("gpu-driver")).containsExactly("gpu");
    assertThat(podNodes("logs")).containsExactly("cordoned", "dedicated", "gpu", "plain");
    assertThat(status(get("agent"), "desiredNumberScheduled")).isEqualTo(3);
  }

  @Test
  void followsNodesBeingAddedTaintedAndRemoved() {
    node("node-a");
    create(daemonSet("agent", "agent:1"));
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a");

    node("node-b");
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a", "node-b");
    assertThat(status(get("agent"), "desiredNumberScheduled")).isEqualTo(2);

    // A NoSchedule taint keeps the running pod; a NoExecute one evicts it.
    ObjectNode b = cluster.api.get(nodes, null, "node-b");
    taint(b, "maintenance", "NoSchedule");
    cluster.api.update(nodes, null, b, "test", false);
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a", "node-b");
    assertThat(status(get("agent"), "desiredNumberScheduled")).isEqualTo(1);
    assertThat(status(get("agent"), "numberMisscheduled")).isEqualTo(1);

    b = cluster.api.get(nodes, null, "node-b");
    taint(b, "drain", "NoExecute");
    cluster.api.update(nodes, null, b, "test", false);
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a");

    node("node-c");
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a", "node-c");
    cluster.api.delete(nodes, null, "node-c", null, false);
    cluster.settle();
    assertThat(podNodes("agent")).containsExactly("node-a");
    assertThat(status(get("agent"), "desiredNumberScheduled")).isEqualTo(1);
  }

  @Test
  void rollingUpdateReplacesAtMostMaxUnavailablePodsAtATime() {
    for (String n : List.of("n1", "n2", "n3", "n4")) {
      node(n);
    }
    cluster.register(new RecordingController(e -> {
      if (e.resource().kind().equals("Pod")) {
        List<ObjectNode> pods = cluster.pods("agent");
        long ready = pods.stream().filter(p -> !PodState.deleting(p) && PodState.ready(p)).count();
        maxMissing = Math.max(maxMissing, 4 - (int) ready);
      }
    }));
    ObjectNode manifest = daemonSet("agent", "agent:1");
    ((ObjectNode) manifest.get("spec")).putObject("updateStrategy").put("type", "RollingUpdate")
        .putObject("rollingUpdate").put("maxUnavailable", 2);
    create(manifest);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(status(get("agent"), "numberAvailable")).isEqualTo(4);
    maxMissing = 0;

    ObjectNode ds = get("agent");
    ((ObjectNode) ds.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "agent:2");
    cluster.api.update(daemonSets, NAMESPACE, ds, "test", false);
    cluster.settle();
    assertThat(cluster.pods("agent").stream().filter(p -> image(p).equals("agent:2")).count()).isEqualTo(2);

    cluster.advance(Duration.ofSeconds(30));
    assertThat(cluster.pods("agent")).hasSize(4).allSatisfy(p -> assertThat(image(p)).isEqualTo("agent:2"));
    assertThat(podNodes("agent")).containsExactly("n1", "n2", "n3", "n4");
    assertThat(maxMissing).isEqualTo(2);
    ds = get("agent");
    assertThat(status(ds, "updatedNumberScheduled")).isEqualTo(4);
    assertThat(status(ds, "numberAvailable")).isEqualTo(4);
    assertThat(status(ds, "observedGeneration")).isEqualTo(2);
  }

  @Test
  void onDeleteKeepsOldPodsUntilDeleted() {
    node("n1");
    node("n2");
    ObjectNode manifest = daemonSet("agent", "agent:1");
    ((ObjectNode) manifest.get("spec")).putObject("updateStrategy").put("type", "OnDelete");
    create(manifest);
    cluster.advance(Duration.ofSeconds(10));
    ObjectNode ds = get("agent");
    ((ObjectNode) ds.path("spec").path("template").path("spec").path("containers").get(0)).put("image", "agent:2");
    cluster.api.update(daemonSets, NAMESPACE, ds, "test", false);
    cluster.advance(Duration.ofSeconds(30));
    assertThat(cluster.pods("agent")).allSatisfy(p -> assertThat(image(p)).isEqualTo("agent:1"));
    assertThat(status(get("agent"), "updatedNumberScheduled")).isZero();
  }

  private static String image(JsonNode pod) {
    return pod.path("spec").path("containers").get(0).path("image").asString("");
  }
}
