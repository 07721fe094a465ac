package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SimulatedClusterTest
class WatchAndFaultsTest {

  /** Waits (wall time) for an informer to catch up; the informer runs on its own threads. */
  static void eventually(Runnable assertion) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void informersSeeAddsUpdatesAndDeletesAndSurviveDroppedAndExpiredWatches(KubernetesClient client,
      SimulatedCluster cluster) throws Exception {
    Set<String> live = ConcurrentHashMap.newKeySet();
    Map<String, String> values = new ConcurrentHashMap<>();
    try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap obj) {
            live.add(obj.getMetadata().getName());
            values.put(obj.getMetadata().getName(), String.valueOf(obj.getData()));
          }

          @Override
          public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
            values.put(newObj.getMetadata().getName(), String.valueOf(newObj.getData()));
          }

          @Override
          public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
            live.remove(obj.getMetadata().getName());
          }
        })) {
      client.configMaps().inNamespace("default").resource(ApiServerTest.configMap("a", Map.of())).create();
      eventually(() -> assertThat(live).containsExactly("a"));
      client.configMaps().inNamespace("default").withName("a").edit(c -> {
        c.getData().put("k", "changed");
        return c;
      });
      eventually(() -> assertThat(values.get("a")).contains("changed"));

      cluster.faults().dropWatches();
      client.configMaps().inNamespace("default").resource(ApiServerTest.configMap("b", Map.of())).create();
      eventually(() -> assertThat(live).containsExactlyInAnyOrder("a", "b"));

      cluster.faults().expireWatches();
      client.configMaps().inNamespace("default").withName("a").delete();
      eventually(() -> assertThat(live).containsExactly("b"));
      assertThat(informer.hasSynced()).isTrue();
    }
  }

  @Test
  void injectedFaultsReachTheCallerWhenClientRetriesAreOff(KubernetesClient client, SimulatedCluster cluster) {
    cluster.faults().failNext(2, 500, call -> call.verb().equals("create"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> client.configMaps().inNamespace("default")
          .resource(ApiServerTest.configMap("c", Map.of())).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(500));
    }
    client.configMaps().inNamespace("default").resource(ApiServerTest.configMap("c", Map.of())).create();
    assertThat(cluster.requests().matching(c -> c.verb().equals("create") && c.resource().equals("configmaps")))
        .extracting(ApiCall::status).containsExactly(500, 500, 201);
  }

  @Test
  void aSeededFaultRateFailsTheSameRequestsEveryRun() {
    java.util.List<java.util.List<Integer>> runs = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (SimulatedCluster cluster = SimulatedCluster.start()) {
        cluster.faults().failAtRate(0.3, 429, 42L, call -> call.verb().equals("get"));
        for (int i = 0; i < 20; i++) {
          try {
            cluster.client().namespaces().withName("default").get();
          } catch (KubernetesClientException e) {
            assertThat(e.getCode()).isEqualTo(429);
          }
        }
        runs.add(cluster.requests().matching(c -> c.verb().equals("get")).stream().map(ApiCall::status).toList());
        cluster.faults().clear();
        assertThat(cluster.client().namespaces().withName("default").get()).isNotNull();
      }
    }
    assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(429).contains(200);
  }

  @Test
  void aClientWithRetriesOnRidesOverTransientFaults(SimulatedCluster cluster) {
    try (KubernetesClient retrying = cluster.newClient(c -> c.withRequestRetryBackoffLimit(3)
        .withRequestRetryBackoffInterval(1))) {
      cluster.faults().failNext(2, 503, call -> call.verb().equals("get"));
      assertThat(retrying.namespaces().withName("default").get()).isNotNull();
      assertThat(cluster.requests().matching(c -> c.verb().equals("get")))
          .extracting(ApiCall::status).containsExactly(503, 503, 200);
    }
  }

  @Test
  void theRequestLogShowsThatReadsWriteNothing(KubernetesClient client, SimulatedCluster cluster) {
    client.configMaps().inNamespace("default").resource(ApiServerTest.configMap("a", Map.of())).create();
    cluster.requests().clear();
    client.configMaps().inNamespace("default").list();
    client.configMaps().inNamespace("default").withName("a").get();
    assertThat(cluster.requests()).hasNoWrites().hasCalls("get", "configmaps", 1).hasCalls("list", "configmaps", 1);
  }

  @Test
  void timeOnlyMovesWhenTheTestMovesIt(SimulatedCluster cluster) {
    var start = cluster.clock().instant();
    cluster.awaitIdle();
    assertThat(cluster.clock().instant()).isEqualTo(start);
    cluster.advance(Duration.ofMinutes(30));
    assertThat(cluster.clock().instant()).isEqualTo(start.plus(Duration.ofMinutes(30)));
  }
}
