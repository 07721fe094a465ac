package dev.keelson.core.it.loop;

import static dev.keelson.core.it.loop.Eventually.eventually;
import static dev.keelson.core.it.loop.Fixtures.configMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.loop.Cache;
import dev.keelson.core.loop.ControlLoop;
import dev.keelson.core.loop.LeaderElection;
import dev.keelson.core.loop.ObjectKey;
import dev.keelson.core.loop.Reconciler;
import dev.keelson.core.loop.Result;
import dev.keelson.core.loop.Scheduler;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas of one loop on one cluster: only the Lease holder reconciles, and the other takes over. */
@SimulatedClusterTest
class LeaderElectionTest {

  /** Who reconciled which key, and when on the loop's clock. */
  record Reconcile(String replica, String key, Instant at) {
  }

  private final List<Reconcile> reconciles = new CopyOnWriteArrayList<>();
  private final List<ControlLoop<ObjectKey>> loops = new CopyOnWriteArrayList<>();
  private final List<Cache<ConfigMap>> caches = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeLoops() {
    loops.forEach(ControlLoop::close);
  }

  /** A replica of the "annotator" loop that records each reconcile; {@code scheduler} null for the system one. */
  private ControlLoop<ObjectKey> replica(String identity, KubernetesClient client, Scheduler scheduler,
      LeaderElection election) {
    Cache<ConfigMap> configMaps = Cache.of(client.configMaps().inNamespace("default"));
    caches.add(configMaps);
    Reconciler<ObjectKey> recording = key -> {
      reconciles.add(new Reconcile(identity, key.name(), scheduler == null ? Instant.now()
          : scheduler.clock().instant()));
      return Result.done();
    };
    ControlLoop.Builder<ObjectKey> builder = ControlLoop.builder("annotator", recording)
        .watch(configMaps, ObjectKey::of)
        .leaderElection(client, election.withIdentity(identity));
    if (scheduler != null) {
      builder.scheduler(scheduler);
    }
    ControlLoop<ObjectKey> loop = builder.build();
    loops.add(loop);
    loop.start();
    return loop;
  }

  private static Lease lease(KubernetesClient client) {
    return client.leases().inNamespace("default").withName("annotator").get();
  }

  /** Waits until every replica's cache has the ConfigMap: from then on, each replica has seen its event. */
  private void awaitCachesHave(String name) {
    eventually(() -> assertThat(caches).allSatisfy(c -> assertThat(c.get("default", name)).isPresent()));
  }

  private List<String> reconciledBy(String replica) {
    return reconciles.stream().filter(r -> r.replica().equals(replica)).map(Reconcile::key).distinct().sorted()
        .toList();
  }

  @Test
  void onlyTheReplicaHoldingTheLeaseReconciles(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(configMap("a")).create();
    LeaderElection election = LeaderElection.lease("default", "annotator");
    ControlLoop<ObjectKey> first = replica("replica-1", client, cluster.scheduler(), election);
    ControlLoop<ObjectKey> second = replica("replica-2", client, cluster.scheduler(), election);
    client.resource(configMap("b")).create();
    awaitCachesHave("b");
    eventually(() -> assertThat(reconciledBy("replica-1")).containsExactly("a", "b"));
    cluster.advance(Duration.ofMinutes(1));
    first.awaitQuiet(Duration.ofSeconds(10));
    second.awaitQuiet(Duration.ofSeconds(10));

    assertThat(first.isLeader()).isTrue();
    assertThat(second.isLeader()).isFalse();
    assertThat(reconciledBy("replica-2")).isEmpty();
    Lease lease = lease(client);
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("replica-1");
    assertThat(lease.getSpec().getLeaseTransitions()).isZero();
    assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(cluster.clock().instant());
  }

  @Test
  void closingTheLeaderReleasesTheLeaseAndTheOtherTakesOverAtItsNextRetry(KubernetesClient client,
      SimulatedCluster cluster) {
    client.resource(configMap("a")).create();
    LeaderElection election = LeaderElection.lease("default", "annotator");
    ControlLoop<ObjectKey> first = replica("replica-1", client, cluster.scheduler(), election);
    ControlLoop<ObjectKey> second = replica("replica-2", client, cluster.scheduler(), election);
    first.awaitQuiet(Duration.ofSeconds(10));
    Instant closed = cluster.clock().instant();

    first.close();
    assertThat(lease(client).getSpec().getHolderIdentity()).isEmpty();
    cluster.advance(election.retryPeriod());

    assertThat(second.isLeader()).isTrue();
    assertThat(lease(client).getSpec().getHolderIdentity()).isEqualTo("replica-2");
    assertThat(lease(client).getSpec().getLeaseTransitions()).isEqualTo(1);
    assertThat(reconciles).as("the new leader looks at every object once it leads")
        .contains(new Reconcile("replica-2", "a", closed.plus(election.retryPeriod())));
  }

  @Test
  void whenTheLeaderDiesWithoutReleasingTheOtherTakesOverAfterTheLeaseDuration(KubernetesClient client,
      SimulatedCluster cluster) {
    LeaderElection election = LeaderElection.lease("default", "annotator");
    KubernetesClient doomed = cluster.newClient(c -> c);
    ControlLoop<ObjectKey> first = replica("replica-1", doomed, cluster.scheduler(), election);
    ControlLoop<ObjectKey> second = replica("replica-2", client, cluster.scheduler(), election);

    doomed.close();                                         // replica-1 loses the API server: no renewals
    cluster.advance(Duration.ofSeconds(10));
    assertThat(first.isLeader()).as("stops at the renew deadline, 10 s").isFalse();
    assertThat(second.isLeader()).isFalse();
    cluster.advance(Duration.ofSeconds(4));
    assertThat(second.isLeader()).as("the lease (15 s) has not expired at 14 s").isFalse();
    cluster.advance(Duration.ofSeconds(2));

    assertThat(second.isLeader()).as("takes over at the first retry after 15 s").isTrue();
    assertThat(lease(client).getSpec().getHolderIdentity()).isEqualTo("replica-2");
  }

  @Test
  void aLeaderThatCannotRenewStopsReconcilingAndNobodyLeadsUntilTheLeaseCanBeWritten(KubernetesClient client,
      SimulatedCluster cluster) {
    LeaderElection election = LeaderElection.lease("default", "annotator");
    ControlLoop<ObjectKey> first = replica("replica-1", client, cluster.scheduler(), election);
    ControlLoop<ObjectKey> second = replica("replica-2", client, cluster.scheduler(), election);
    cluster.faults().failNext(1_000, 503, call -> call.resource().equals("leases") && call.isWrite());

    cluster.advance(Duration.ofSeconds(10));
    assertThat(first.isLeader()).isFalse();
    client.resource(configMap("during-outage")).create();
    awaitCachesHave("during-outage");
    cluster.advance(Duration.ofSeconds(20));
    assertThat(first.isLeader() || second.isLeader()).as("the lease expired, but nobody can write it").isFalse();
    Instant recovered = cluster.clock().instant();
    cluster.faults().clear();
    cluster.advance(election.retryPeriod());

    assertThat(first.isLeader() ^ second.isLeader()).as("exactly one leads again").isTrue();
    assertThat(reconciles).filteredOn(r -> r.key().equals("during-outage")).isNotEmpty()
        .allSatisfy(r -> assertThat(r.at()).isAfter(recovered));
  }

  @Test
  void onTheSystemClockAKilledLeaderIsReplacedWithinTheLeaseDuration(KubernetesClient client,
      SimulatedCluster cluster) {
    LeaderElection quick = LeaderElection.builder().leaseNamespace("default").leaseName("annotator")
        .leaseDuration(Duration.ofSeconds(3)).renewDeadline(Duration.ofSeconds(2))
        .retryPeriod(Duration.ofMillis(500)).build();
    KubernetesClient doomed = cluster.newClient(c -> c);
    ControlLoop<ObjectKey> first = replica("replica-1", doomed, null, quick);
    ControlLoop<ObjectKey> second = replica("replica-2", client, null, quick);
    assertThat(first.isLeader()).isTrue();
    assertThat(second.isLeader()).isFalse();

    doomed.close();
    long killed = System.nanoTime();
    eventually(() -> assertThat(second.isLeader()).isTrue());

    assertThat(first.isLeader()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("the unreleased lease had to expire first")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }
}
