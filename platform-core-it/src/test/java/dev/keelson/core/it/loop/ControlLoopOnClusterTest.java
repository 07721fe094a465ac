package dev.keelson.core.it.loop;

import static dev.keelson.core.it.loop.Eventually.eventually;
import static dev.keelson.core.it.loop.Fixtures.annotate;
import static dev.keelson.core.it.loop.Fixtures.annotation;
import static dev.keelson.core.it.loop.Fixtures.configMap;
import static dev.keelson.core.it.loop.Fixtures.deployment;
import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.loop.Cache;
import dev.keelson.core.loop.ControlLoop;
import dev.keelson.core.loop.ObjectKey;
import dev.keelson.core.loop.Reconciler;
import dev.keelson.core.loop.Result;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A control loop on the simulated cluster: events become keys, failures back off, time is the cluster's. */
@SimulatedClusterTest
class ControlLoopOnClusterTest {

  private static final Duration QUIET = Duration.ofSeconds(10);

  @Test
  void aLoopLabelsEveryDeploymentFromItsCacheWithoutReadingThemOneByOne(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(deployment("default", "web")).create();
    client.resource(deployment("default", "api")).create();
    Cache<Deployment> deployments = Cache.of(client.apps().deployments().inAnyNamespace());
    Reconciler<ObjectKey> labeler = key -> {
      Optional<Deployment> cached = deployments.get(key);                 // no GET: the informer's copy
      if (cached.isEmpty() || cached.get().getMetadata().getLabels().containsKey("keelson.dev/seen")) {
        return Result.done();
      }
      Deployment seen = new DeploymentBuilder().withNewMetadata().withNamespace(key.namespace())
          .withName(key.name()).addToLabels("keelson.dev/seen", "yes").endMetadata().build();
      client.resource(seen).fieldManager("labeler").serverSideApply();
      return Result.done();
    };
    try (ControlLoop<ObjectKey> loop = ControlLoop.builder("labeler", labeler)
        .watch(deployments, ObjectKey::of)
        .workers(2)
        .scheduler(cluster.scheduler())
        .build()) {
      loop.start();
      client.resource(deployment("default", "db")).create();
      cluster.advance(Duration.ofMinutes(1));

      eventually(() -> assertThat(deployments.list("default", Map.of("keelson.dev/seen", "yes")))
          .extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrder("web", "api", "db"));
      assertThat(cluster.requests()).hasCalls("get", "deployments", 0).hasCalls("list", "deployments", 1);
      assertThat(cluster).deployment("default", "db").hasReadyReplicas(2);
    }
  }

  @Test
  void aReconcilerThatFailsTwiceIsRetriedWithGrowingBackOffAndConverges(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(configMap("settings")).create();
    cluster.faults().failNext(2, 500, call -> call.verb().equals("patch"));
    List<Instant> attempts = new CopyOnWriteArrayList<>();
    Cache<ConfigMap> configMaps = Cache.of(client.configMaps().inNamespace("default"));
    Reconciler<ObjectKey> annotator = key -> {
      ConfigMap cached = configMaps.get(key).orElseThrow();
      if (cached.getMetadata().getAnnotations().containsKey("keelson.dev/seen")) {
        return Result.done();
      }
      attempts.add(cluster.clock().instant());
      annotate(client, key.name(), "keelson.dev/seen", "yes");    // throws on the injected 500s
      return Result.done();
    };
    try (ControlLoop<ObjectKey> loop = ControlLoop.builder("annotator", annotator)
        .watch(configMaps, ObjectKey::of).scheduler(cluster.scheduler()).build()) {
      Instant start = cluster.clock().instant();
      loop.start();
      loop.awaitQuiet(QUIET);
      cluster.advance(Duration.ofSeconds(1));

      assertThat(attempts).containsExactly(start, start.plusMillis(5), start.plusMillis(15));
      assertThat(cluster.requests().matching(c -> c.verb().equals("patch"))).extracting(ApiCall::status)
          .containsExactly(500, 500, 200);
      assertThat(annotation(client, "settings", "keelson.dev/seen")).isEqualTo("yes");
    }
  }

  @Test
  void requeueAfterFiresWhenTheVirtualClockGetsThereAndSeesTheClusterAsOfThen(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(deployment("default", "web")).create();
    List<String> seen = new CopyOnWriteArrayList<>();
    Instant start = cluster.clock().instant();
    Reconciler<ObjectKey> pausing = key -> {
      Deployment live = client.apps().deployments().inNamespace(key.namespace()).withName(key.name()).get();
      Integer ready = live.getStatus() == null ? null : live.getStatus().getReadyReplicas();
      seen.add(Duration.between(start, cluster.clock().instant()) + " ready=" + ready);
      return seen.size() < 3 ? Result.requeueAfter(Duration.ofMinutes(5)) : Result.done();
    };
    try (ControlLoop<ObjectKey> loop = ControlLoop.builder("pausing", pausing)
        .scheduler(cluster.scheduler()).build()) {
      loop.start();
      loop.enqueue(ObjectKey.of("default", "web"));
      loop.awaitQuiet(QUIET);
      cluster.advance(Duration.ofMinutes(4).plusSeconds(59));
      assertThat(seen).containsExactly("PT0S ready=null");

      cluster.advance(Duration.ofMinutes(30));
      assertThat(seen).containsExactly("PT0S ready=null", "PT5M ready=2", "PT10M ready=2");
    }
  }

  @Test
  void afterDroppedAndExpiredWatchesTheLoopRelistsAndStillConverges(KubernetesClient client,
      SimulatedCluster cluster) {
    try (KubernetesClient reconnectingFast = cluster.newClient(c -> c.withWatchReconnectInterval(20))) {
      Cache<ConfigMap> configMaps = Cache.of(reconnectingFast.configMaps().inNamespace("default"));
      Reconciler<ObjectKey> annotator = key -> {
        configMaps.get(key).ifPresent(c -> annotate(client, key.name(), "keelson.dev/seen", "yes"));
        return Result.done();
      };
      try (ControlLoop<ObjectKey> loop = ControlLoop.builder("annotator", annotator)
          .watch(configMaps, ObjectKey::of).scheduler(cluster.scheduler()).build()) {
        loop.start();
        client.resource(configMap("before")).create();
        eventually(() -> assertThat(annotation(client, "before", "keelson.dev/seen")).isEqualTo("yes"));

        cluster.faults().dropWatches();
        client.resource(configMap("after-drop")).create();
        eventually(() -> assertThat(annotation(client, "after-drop", "keelson.dev/seen")).isEqualTo("yes"));

        cluster.faults().expireWatches();
        client.resource(configMap("after-expiry")).create();
        eventually(() -> assertThat(annotation(client, "after-expiry", "keelson.dev/seen")).isEqualTo("yes"));
        assertThat(cluster.requests().count("list", "configmaps")).as("a relist after 410 Gone").isGreaterThan(1);
      }
    }
  }

  @Test
  void closeWaitsForTheReconcileInFlightAndTakesNoMoreKeys(SimulatedCluster cluster) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<ObjectKey> finished = new CopyOnWriteArrayList<>();
    Reconciler<ObjectKey> slow = key -> {
      started.countDown();
      release.await();
      finished.add(key);
      return Result.requeueAfter(Duration.ofSeconds(1));
    };
    ControlLoop<ObjectKey> loop = ControlLoop.builder("slow", slow).scheduler(cluster.scheduler()).build();
    loop.start();
    loop.enqueue(ObjectKey.of("default", "a"));
    loop.enqueue(ObjectKey.of("default", "b"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closer = new Thread(loop::close);
    closer.start();
    eventually(() -> assertThat(closer.getState()).as("close waits").isEqualTo(Thread.State.TIMED_WAITING));
    assertThat(loop.isLeader()).isFalse();
    release.countDown();
    closer.join(10_000);
    cluster.advance(Duration.ofMinutes(1));

    loop.enqueue(ObjectKey.of("default", "c"));
    loop.awaitQuiet(QUIET);

    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).as("b was dropped, a's requeue and c ignored").containsExactly(ObjectKey.of("default", "a"));
  }
}
