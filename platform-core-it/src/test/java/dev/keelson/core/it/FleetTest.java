package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.ClusterOutcome;
import dev.keelson.core.cluster.ClusterOutcome.Status;
import dev.keelson.core.cluster.Fleet;
import dev.keelson.core.cluster.FleetException;
import dev.keelson.core.cluster.FleetResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fleet fans a task out to the clusters its labels select, and reports an outcome for every one of them. */
class FleetTest {

  private final ThreeClusters clusters = new ThreeClusters();
  private final Fleet fleet = clusters.fleet;

  @AfterEach
  void close() {
    clusters.close();
  }

  private static int namespaceCount(Cluster cluster) {
    return cluster.client().namespaces().list().getItems().size();
  }

  @Test
  void selectorsPickClustersByTheirLabels() {
    assertThat(names(fleet.select("env=prod"))).containsExactly("prod-eu", "prod-us");
    assertThat(names(fleet.select("region in (eu)"))).containsExactly("prod-eu", "staging-eu");
    assertThat(names(fleet.select("region=eu,!canary"))).containsExactly("prod-eu");
    assertThat(names(fleet.select("env notin (prod)"))).containsExactly("staging-eu");
    assertThat(names(fleet.select(""))).containsExactly("prod-eu", "prod-us", "staging-eu");
  }

  @Test
  void aTaskRunsOnlyOnTheSelectedClusters() {
    FleetResult<Integer> result = fleet.run("env=prod", FleetTest::namespaceCount);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.values()).containsOnlyKeys("prod-eu", "prod-us").containsValues(4, 4);
    assertThat(clusters.get("prod-eu").requests().count("list", "namespaces")).isEqualTo(1);
    assertThat(clusters.get("staging-eu").requests().count("list", "namespaces")).isZero();
  }

  @Test
  void noMoreClustersThanTheConcurrencyLimitRunAtOnce() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);

    FleetResult<Integer> result = fleet.withConcurrency(2).run(cluster -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        twoRunning.countDown();
        // The first two wait for each other, which proves they overlap; the third starts only when one is done.
        assertThat(twoRunning.await(10, TimeUnit.SECONDS)).isTrue();
        return namespaceCount(cluster);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        inFlight.decrementAndGet();
      }
    });

    assertThat(result.allSucceeded()).as("%s", result).isTrue();
    assertThat(maxInFlight).hasValue(2);
  }

  @Test
  void anUnreachableClusterIsAFailedOutcomeAndTheOthersStillSucceed() {
    clusters.get("prod-us").close();

    FleetResult<Integer> result = fleet.run("env=prod", FleetTest::namespaceCount);

    assertThat(result.outcomes()).extracting(ClusterOutcome::cluster).containsExactly("prod-eu", "prod-us");
    assertThat(result.successes()).extracting(ClusterOutcome::cluster).containsExactly("prod-eu");
    ClusterOutcome<Integer> failed = result.failures().get(0);
    assertThat(failed.status()).isEqualTo(Status.UNREACHABLE);
    assertThat(failed.message()).startsWith("cluster prod-us is unreachable at http://localhost:")
        .contains("ConnectException");
    assertThatThrownBy(failed::value).isInstanceOf(IllegalStateException.class).hasMessage(failed.message());
    assertThatThrownBy(result::throwIfAnyFailed)
        .isInstanceOf(FleetException.class)
        .hasMessageStartingWith("the task failed on 1 of 2 clusters\n  - prod-us: UNREACHABLE: cluster prod-us is "
            + "unreachable")
        .satisfies(e -> assertThat(((FleetException) e).failures()).hasSize(1));
  }

  @Test
  void aTaskThatThrowsIsAFailureNamingTheClusterAndTheError() {
    IllegalStateException boom = new IllegalStateException("quota exceeded");

    FleetResult<Integer> result = fleet.run("region=eu", cluster -> {
      if (cluster.name().equals("staging-eu")) {
        throw boom;
      }
      return namespaceCount(cluster);
    });

    ClusterOutcome<Integer> failed = result.outcome("staging-eu").orElseThrow();
    assertThat(failed.status()).isEqualTo(Status.FAILED);
    assertThat(failed.message()).isEqualTo("task failed on cluster staging-eu: IllegalStateException: quota exceeded");
    assertThat(failed.error()).containsSame(boom);
    assertThat(result.outcome("prod-eu").orElseThrow().value()).isEqualTo(4);
  }

  @Test
  void aHungClusterTimesOutAndIsInterruptedWithoutHoldingUpTheOthers() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    Fleet impatient = fleet.withConcurrency(1).withTimeout(Duration.ofMillis(500));

    FleetResult<String> result = impatient.run(cluster -> {
      if (cluster.name().equals("prod-eu")) {
        try {
          new CountDownLatch(1).await(); // hangs like a request to a black-holed API server
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return cluster.server(); // quick, so that only the hung cluster can time out on a busy machine
    });

    ClusterOutcome<String> hung = result.outcome("prod-eu").orElseThrow();
    assertThat(hung.status()).isEqualTo(Status.TIMED_OUT);
    assertThat(hung.message()).isEqualTo("task on cluster prod-eu did not finish within PT0.5S; it was interrupted");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the hung task was interrupted").isTrue();
    assertThat(result.successes()).extracting(ClusterOutcome::cluster).containsExactly("prod-us", "staging-eu");
  }

  @Test
  void wavesGroupClustersByRegionInOrder() {
    var waves = fleet.byLabel(Cluster.REGION_LABEL);

    assertThat(waves.keySet()).containsExactly("eu", "us");
    assertThat(names(waves.get("eu"))).containsExactly("prod-eu", "staging-eu");
    assertThat(names(waves.get("us"))).containsExactly("prod-us");
  }

  @Test
  void aMalformedSelectorFailsBeforeAnythingRuns() {
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(() -> fleet.run("env in (prod", c -> runs.incrementAndGet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid label selector \"env in (prod\": at column 13: expected ',' or ')' but found end of input");
    assertThat(runs).hasValue(0);
  }

  private static List<String> names(Fleet fleet) {
    return fleet.clusters().stream().map(Cluster::name).toList();
  }
}
