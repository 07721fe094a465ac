package dev.keelson.core.it.loop;

import static dev.keelson.core.it.loop.Fixtures.configMap;
import static dev.keelson.core.it.loop.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.loop.ControlLoop;
import dev.keelson.core.loop.ObjectKey;
import dev.keelson.core.loop.Reconciler;
import dev.keelson.core.loop.Result;
import dev.keelson.core.loop.StateStore;
import dev.keelson.core.loop.Versioned;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Progress kept in the cluster: on the owning object or in a ConfigMap, with optimistic concurrency. */
@SimulatedClusterTest
class StateStoreTest {

  record Counter(int value) {
  }

  record Rollout(int step, List<String> done) {
    Rollout then(String step) {
      List<String> all = new ArrayList<>(done);
      all.add(step);
      return new Rollout(this.step + 1, all);
    }
  }

  @Test
  void stateOnTheOwningObjectIsAnAnnotationWrittenWithoutAnExtraRead(KubernetesClient client,
      SimulatedCluster cluster) {
    Deployment web = client.resource(deployment("default", "web")).create();
    StateStore<Rollout> rollout = StateStore.builder(Rollout.class, new Rollout(0, List.of()))
        .name("rollout").onObject(client, web).build();
    assertThat(rollout.load()).isEmpty();
    cluster.requests().clear();

    Versioned<Rollout> stored = rollout.update(r -> r.then("canary-10"));

    Deployment live = client.apps().deployments().inNamespace("default").withName("web").get();
    assertThat(live.getMetadata().getAnnotations())
        .containsEntry("keelson.dev/state-rollout", "{\"step\":1,\"done\":[\"canary-10\"]}");
    assertThat(stored.version()).isEqualTo(live.getMetadata().getResourceVersion());
    assertThat(rollout.load()).contains(stored);
    assertThat(cluster.requests().all()).extracting(ApiCall::verb).containsExactly("get", "patch", "get", "get");
  }

  @Test
  void stateInAConfigMapIsCreatedOnFirstWriteAndGoesAwayWithItsOwner(KubernetesClient client,
      SimulatedCluster cluster) {
    Deployment web = client.resource(deployment("default", "web")).create();
    StateStore<Rollout> rollout = StateStore.builder(Rollout.class, new Rollout(0, List.of()))
        .name("rollout").inConfigMap(client, "default", "web-release").ownedBy(web).build();

    rollout.update(r -> r.then("canary-10"));
    Versioned<Rollout> stored = rollout.update(r -> r.then("canary-50"));

    ConfigMap state = client.configMaps().inNamespace("default").withName("web-release").get();
    assertThat(state.getData()).containsEntry("rollout", "{\"step\":2,\"done\":[\"canary-10\",\"canary-50\"]}");
    assertThat(state.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid()));
    assertThat(rollout.load().orElseThrow().value()).isEqualTo(stored.value());

    client.resource(web).delete();
    cluster.awaitIdle();
    assertThat(client.configMaps().inNamespace("default").withName("web-release").get()).isNull();
  }

  @Test
  void aConflictingWriteIsRetriedOnTheStateAsItIsNow(KubernetesClient client, SimulatedCluster cluster) {
    ConfigMap owner = client.resource(configMap("counter")).create();
    StateStore<Counter> mine = StateStore.builder(Counter.class, new Counter(0)).name("count")
        .onObject(client, owner).build();
    StateStore<Counter> theirs = StateStore.builder(Counter.class, new Counter(0)).name("count")
        .onObject(client, owner).build();
    List<Integer> seenByMine = new ArrayList<>();

    Versioned<Counter> result = mine.update(c -> {
      seenByMine.add(c.value());
      if (seenByMine.size() == 1) {
        theirs.update(t -> new Counter(t.value() + 10));     // lands between my read and my write
      }
      return new Counter(c.value() + 1);
    });

    assertThat(seenByMine).containsExactly(0, 10);
    assertThat(result.value()).isEqualTo(new Counter(11));
    assertThat(cluster.requests().matching(c -> c.verb().equals("patch"))).extracting(ApiCall::status)
        .containsExactly(200, 409, 200);
  }

  @Test
  void twoThreadsIncrementingTheSameStateLoseNoIncrement(KubernetesClient client) {
    StateStore<Counter> first = StateStore.builder(Counter.class, new Counter(0)).name("count")
        .inConfigMap(client, "default", "counter").maxAttempts(50).build();
    StateStore<Counter> second = StateStore.builder(Counter.class, new Counter(0)).name("count")
        .inConfigMap(client, "default", "counter").maxAttempts(50).build();

    CompletableFuture<?> a = CompletableFuture.runAsync(() -> increment(first, 25));
    CompletableFuture<?> b = CompletableFuture.runAsync(() -> increment(second, 25));
    CompletableFuture.allOf(a, b).join();

    assertThat(first.load().orElseThrow().value()).isEqualTo(new Counter(50));
  }

  private static void increment(StateStore<Counter> store, int times) {
    for (int i = 0; i < times; i++) {
      store.update(c -> new Counter(c.value() + 1));
    }
  }

  @Test
  void aStateNameMustFitInAnAnnotationKey(KubernetesClient client) {
    assertThatThrownBy(() -> StateStore.builder(Counter.class, new Counter(0)).name("my state!"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my state!");
  }

  /** A canary's progress: the next step, and until when the current pause lasts. */
  record Canary(int step, Instant pauseUntil) {
  }

  private static final List<String> STEPS = List.of("canary 10%", "canary 50%", "promote 100%");

  /** One process running the canary loop; each step's side effect is recorded in {@code effects}. */
  private static ControlLoop<ObjectKey> canaryLoop(String process, KubernetesClient client, SimulatedCluster cluster,
      List<String> effects) {
    Reconciler<ObjectKey> canary = key -> {
      StateStore<Canary> progress = StateStore.builder(Canary.class, new Canary(0, Instant.EPOCH))
          .name("canary").inConfigMap(client, key.namespace(), key.name() + "-canary").build();
      Canary now = progress.load().map(Versioned::value).orElse(new Canary(0, Instant.EPOCH));
      Instant time = cluster.scheduler().clock().instant();
      if (now.step() == STEPS.size()) {
        return Result.done();
      }
      if (time.isBefore(now.pauseUntil())) {
        return Result.requeueAfter(Duration.between(time, now.pauseUntil()));   // still pausing
      }
      effects.add(process + ": " + STEPS.get(now.step()));                      // the step's side effect
      progress.update(c -> new Canary(c.step() + 1, time.plus(Duration.ofMinutes(5))));
      return Result.requeueAfter(Duration.ofMinutes(5));
    };
    return ControlLoop.builder("canary", canary)
        .watch(client.apps().deployments().inNamespace("default"), ObjectKey::of)
        .scheduler(cluster.scheduler()).build();
  }

  @Test
  void aNewProcessResumesTheCanaryAtTheStoredStepWithoutRepeatingOne(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(deployment("default", "web")).create();
    List<String> effects = new CopyOnWriteArrayList<>();

    ControlLoop<ObjectKey> first = canaryLoop("first", client, cluster, effects);
    first.start();
    first.awaitQuiet(Duration.ofSeconds(10));
    cluster.advance(Duration.ofMinutes(5));
    first.close();                                           // the process goes away after two steps
    cluster.advance(Duration.ofMinutes(2));

    try (ControlLoop<ObjectKey> second = canaryLoop("second", client, cluster, effects)) {
      second.start();
      second.awaitQuiet(Duration.ofSeconds(10));
      assertThat(effects).as("still pausing after step 2").hasSize(2);
      cluster.advance(Duration.ofMinutes(30));
    }

    assertThat(effects).containsExactly("first: canary 10%", "first: canary 50%", "second: promote 100%");
  }
}
