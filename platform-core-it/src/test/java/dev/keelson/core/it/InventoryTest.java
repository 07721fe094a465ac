package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.Fleet;
import dev.keelson.core.inventory.ClusterSnapshot;
import dev.keelson.core.inventory.Inventory;
import dev.keelson.core.inventory.InventoryChange;
import dev.keelson.core.inventory.InventorySnapshot;
import dev.keelson.core.inventory.InventorySyncException;
import dev.keelson.core.inventory.ClusterObjectRef;
import dev.keelson.core.inventory.PodRecord;
import dev.keelson.core.inventory.WorkloadRecord;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The inventory answers the questions people ask about what runs where, from live caches. */
@SimulatedClusterTest
class InventoryTest {

  /** Upper bounds for waits that end as soon as the inventory catches up; generous for a busy machine's first run. */
  private static final Duration SYNC = Duration.ofSeconds(60);
  private static final long EVENT_SECONDS = 30;

  @Test
  void servicePodsNodesOwnersAndTenantsOfARealRollout(SimulatedCluster cluster) {
    Shop.deployWeb(cluster, "registry.example.com/shop/web:1.4.2");

    try (Inventory inventory = Inventory.start(Cluster.of("prod-eu", cluster.client())).awaitSynced(SYNC)) {
      List<PodRecord> backing = inventory.podsBackingService("prod-eu", "shop", "web");

      assertThat(backing).hasSize(3).allSatisfy(pod -> {
        assertThat(pod.name()).startsWith("web-");
        assertThat(pod.ready()).isTrue();
        assertThat(pod.node()).isIn("node-a", "node-b", "node-c");
        assertThat(pod.images()).containsExactly("registry.example.com/shop/web:1.4.2");
      });
      assertThat(inventory.podsBackingService("shop", "web")).isEqualTo(backing);
      PodRecord first = backing.get(0);
      assertThat(inventory.podsOnNode("prod-eu", first.node())).contains(first)
          .allSatisfy(pod -> assertThat(pod.node()).isEqualTo(first.node()));
      assertThat(List.of("node-a", "node-b", "node-c").stream()
          .mapToInt(node -> inventory.podsOnNode("prod-eu", node).size()).sum()).isEqualTo(3);

      List<ClusterObjectRef> chain = inventory.ownerChain(first.ref());
      assertThat(chain).extracting(ClusterObjectRef::kind).containsExactly("Pod", "ReplicaSet", "Deployment");
      assertThat(chain.get(1).name()).startsWith("web-");
      assertThat(chain.get(2)).isEqualTo(new ClusterObjectRef("prod-eu", "Deployment", "shop", "web"));

      assertThat(inventory.tenantOf("prod-eu", "shop")).contains("acme");
      assertThat(inventory.tenantOf("prod-eu", "default")).isEmpty();
    }
  }

  @Test
  void aCronJobsPodLeadsBackThroughItsJob(SimulatedCluster cluster) {
    Shop.scheduleReport(cluster, "registry.example.com/shop/report:2");

    try (Inventory inventory = Inventory.start(Cluster.of("prod-eu", cluster.client())).awaitSynced(SYNC)) {
      ClusterSnapshot snapshot = inventory.snapshot().cluster("prod-eu").orElseThrow();
      PodRecord reportPod = snapshot.pods().stream().filter(p -> p.name().startsWith("report-")).findFirst()
          .orElseThrow();

      assertThat(inventory.ownerChain("prod-eu", "shop", reportPod.name())).extracting(ClusterObjectRef::kind)
          .containsExactly("Pod", "Job", "CronJob");
      assertThat(inventory.ownerChain("prod-eu", "shop", "no-such-pod")).isEmpty();
    }
  }

  @Test
  void workloadsRunningAnImageAreFoundAcrossClusters() {
    try (SimulatedCluster eu = SimulatedCluster.start(); SimulatedCluster us = SimulatedCluster.start()) {
      Shop.deployWeb(eu, "registry.example.com/shop/web:1.4.2");
      Shop.deployWeb(us, "registry.example.com/shop/web:1.5.0");
      Shop.scheduleReport(us, "registry.example.com/shop/report:2");
      Fleet fleet = Fleet.of(Cluster.of("prod-eu", eu.client()), Cluster.of("prod-us", us.client()));

      try (Inventory inventory = Inventory.start(fleet).awaitSynced(SYNC)) {
        assertThat(refs(inventory.workloadsRunningImage("registry.example.com/shop/web"))).containsExactly(
            "prod-eu/Deployment/shop/web", "prod-us/Deployment/shop/web");
        assertThat(refs(inventory.workloadsRunningImage("registry.example.com/shop/web:1.5.0"))).containsExactly(
            "prod-us/Deployment/shop/web");
        assertThat(refs(inventory.workloadsRunningImage("registry.example.com/shop/"))).containsExactly(
            "prod-eu/Deployment/shop/web", "prod-us/CronJob/shop/report", "prod-us/Deployment/shop/web");
        assertThat(inventory.workloadsRunningImage("registry.example.com/shop/web:2.0")).isEmpty();
        assertThatThrownBy(() -> inventory.workloadsRunningImage("Registry Example"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("image query \"Registry Example\" is neither an image reference nor a prefix");
      }
    }
  }

  @Test
  void aDeploymentMidRolloutIsFoundByTheOldImageAndTheNew(SimulatedCluster cluster) {
    Shop.deployWeb(cluster, "registry.example.com/shop/web:1.4.2");
    Cluster prod = Cluster.of("prod-eu", cluster.client());
    cluster.script().forImage("registry.example.com/shop/web:1.5.0").slowStart(Duration.ofMinutes(1));

    cluster.client().apps().deployments().inNamespace("shop").withName("web").edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("registry.example.com/shop/web:1.5.0");
      return d;
    });
    cluster.advance(Duration.ofSeconds(10)); // the new ReplicaSet's surge pod is starting; the old one has all three

    try (Inventory inventory = Inventory.start(prod).awaitSynced(SYNC)) {
      assertThat(refs(inventory.workloadsRunningImage("registry.example.com/shop/web:1.4.2")))
          .containsExactly("prod-eu/Deployment/shop/web");
      assertThat(refs(inventory.workloadsRunningImage("registry.example.com/shop/web:1.5.0")))
          .containsExactly("prod-eu/Deployment/shop/web");
    }

    cluster.advance(Duration.ofMinutes(5)); // rolled out: the old ReplicaSet is scaled to zero and kept for rollback

    try (Inventory inventory = Inventory.start(prod).awaitSynced(SYNC)) {
      assertThat(inventory.workloadsRunningImage("registry.example.com/shop/web:1.4.2")).isEmpty();
      assertThat(inventory.snapshot().cluster("prod-eu").orElseThrow().workloads())
          .filteredOn(w -> w.kind().equals("ReplicaSet")).extracting(WorkloadRecord::replicas)
          .containsExactlyInAnyOrder(0, 3);
    }
  }

  @Test
  void aNewPodShowsUpInQueriesOnceItsEventArrivesAndLeavesWithItsDeletion(SimulatedCluster cluster)
      throws InterruptedException {
    try (Inventory inventory = Inventory.start(Cluster.of("prod-eu", cluster.client())).awaitSynced(SYNC)) {
      CountDownLatch added = latchFor(inventory, InventoryChange.Type.ADDED, "debug");
      CountDownLatch deleted = latchFor(inventory, InventoryChange.Type.DELETED, "debug");

      cluster.client().pods().inNamespace("default").resource(debugPod()).create();

      assertThat(added.await(EVENT_SECONDS, TimeUnit.SECONDS)).as("ADDED event for pod debug").isTrue();
      assertThat(inventory.podsOnNode("prod-eu", "node-b")).extracting(PodRecord::name).containsExactly("debug");
      assertThat(refs(inventory.workloadsRunningImage("busybox"))).containsExactly("prod-eu/Pod/default/debug");

      cluster.client().pods().inNamespace("default").withName("debug").withGracePeriod(0).delete();

      assertThat(deleted.await(EVENT_SECONDS, TimeUnit.SECONDS)).as("DELETED event for pod debug").isTrue();
      assertThat(inventory.podsOnNode("prod-eu", "node-b")).isEmpty();
    }
  }

  @Test
  void queriesAreAnsweredFromTheCachesWithoutAnyRequest(SimulatedCluster cluster) {
    Shop.deployWeb(cluster, "registry.example.com/shop/web:1.4.2");
    try (Inventory inventory = Inventory.start(Cluster.of("prod-eu", cluster.client())).awaitSynced(SYNC)) {
      cluster.requests().clear();

      PodRecord pod = inventory.podsBackingService("prod-eu", "shop", "web").get(0);
      inventory.podsOnNode("prod-eu", pod.node());
      inventory.ownerChain(pod.ref());
      inventory.workloadsRunningImage("registry.example.com/shop/web");
      inventory.tenantOf("prod-eu", "shop");
      inventory.snapshot().toJson();

      assertThat(cluster.requests().matching(call -> !call.verb().equals("watch"))).isEmpty();
    }
  }

  @Test
  void theSameStateGivesTheSameSnapshotBytesAndTheJsonReadsBack() {
    String[] json = new String[2];
    for (int run = 0; run < 2; run++) {
      // Same seed, same steps: the same objects, names and uids; the caches fill in whatever order events come.
      try (SimulatedCluster cluster = SimulatedCluster.start(SimulatedCluster.DEFAULT_START, 7L)) {
        Shop.deployWeb(cluster, "registry.example.com/shop/web:1.4.2");
        Shop.scheduleReport(cluster, "registry.example.com/shop/report:2");
        Cluster prod = Cluster.builder("prod-eu", cluster.client()).environment("prod").region("eu").build();
        try (Inventory inventory = Inventory.start(prod).awaitSynced(SYNC)) {
          json[run] = inventory.snapshot().toJson();
          assertThat(inventory.snapshot().toJson()).isEqualTo(json[run]);
        }
      }
    }

    assertThat(json[1]).isEqualTo(json[0]);
    InventorySnapshot read = InventorySnapshot.fromJson(json[0]);
    assertThat(read.toJson()).isEqualTo(json[0]);
    ClusterSnapshot prod = read.cluster("prod-eu").orElseThrow();
    assertThat(prod.labels()).containsEntry("env", "prod").containsEntry("region", "eu");
    assertThat(prod.nodes()).extracting(n -> n.name()).containsExactly("node-a", "node-b", "node-c");
    assertThat(prod.namespaces()).filteredOn(ns -> ns.name().equals("shop")).singleElement()
        .satisfies(ns -> assertThat(ns.tenant()).isEqualTo("acme"));
    assertThat(prod.services()).filteredOn(s -> s.name().equals("web")).singleElement()
        .satisfies(s -> assertThat(s.backingPods()).hasSize(3));
    assertThat(prod.workloads()).extracting(WorkloadRecord::kind)
        .contains("Deployment", "ReplicaSet", "CronJob", "Job");
    assertThat(json[0]).startsWith("{\n  \"clusters\" : [\n    {\n      \"labels\" : {\n        \"env\" : \"prod\",");
  }

  @Test
  void anUnreachableClusterIsNamedWhenTheInventoryCannotSyncAndTheOthersStillAnswer() {
    try (SimulatedCluster eu = SimulatedCluster.start(); SimulatedCluster us = SimulatedCluster.start()) {
      Shop.deployWeb(eu, "registry.example.com/shop/web:1.4.2");
      var usClient = us.newClient(c -> c);
      us.close();
      Fleet fleet = Fleet.of(Cluster.of("prod-eu", eu.client()), Cluster.of("prod-us", usClient));

      try (Inventory inventory = Inventory.start(fleet)) {
        assertThatThrownBy(() -> inventory.awaitSynced(Duration.ofSeconds(2)))
            .isInstanceOfSatisfying(InventorySyncException.class,
                e -> assertThat(e.unsyncedClusters()).containsExactly("prod-us"))
            .hasMessageContaining("inventory not synced within PT2S\n  - cluster prod-us at http://localhost:")
            .hasMessageContaining("not yet listed: Node, Namespace, Pod, Service, Deployment")
            .hasMessageContaining("ConnectException");
        assertThat(inventory.podsBackingService("prod-eu", "shop", "web")).hasSize(3);
      } finally {
        usClient.close();
      }
    }
  }

  private static CountDownLatch latchFor(Inventory inventory, InventoryChange.Type type, String pod) {
    CountDownLatch latch = new CountDownLatch(1);
    inventory.addListener(change -> {
      if (change.type() == type && change.ref().kind().equals("Pod") && change.ref().name().equals(pod)) {
        latch.countDown();
      }
    });
    return latch;
  }

  private static Pod debugPod() {
    return new PodBuilder().withNewMetadata().withName("debug").withNamespace("default").endMetadata()
        .withNewSpec().withNodeName("node-b").addNewContainer().withName("sh").withImage("busybox:1.36")
        .endContainer().endSpec().build();
  }

  private static List<String> refs(List<WorkloadRecord> workloads) {
    return workloads.stream().map(w -> w.ref().toString()).toList();
  }
}
