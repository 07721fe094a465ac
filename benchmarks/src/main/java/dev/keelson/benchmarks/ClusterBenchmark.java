package dev.keelson.benchmarks;

import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The simulated cluster at scale: create {@code deployments} Deployments of 3 replicas through the HTTP API, then
 * run the controllers and move the virtual clock on until every one is Available, as the API reports it. One shot
 * per iteration, a fresh cluster each time; the figure is wall time. Goal for 1,000 × 3: under 10 s.
 *
 * <p>Three warm-up shots: a single one left the first measured shots still compiling (the first shot takes about
 * three times as long as the fourth) and the heap still growing to its working size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class ClusterBenchmark {

  /** How far the virtual clock may move while waiting for the rollout; containers start at once by default. */
  private static final Duration ROLLOUT_LIMIT = Duration.ofMinutes(10);

  @Param("1000")
  public int deployments;

  private SimulatedCluster cluster;

  @Setup(org.openjdk.jmh.annotations.Level.Iteration)
  public void startCluster() {
    // 3,000 pods: 30 nodes of 16 CPU and 110 pods each hold 3,300 pods and 480 CPU of 100m requests.
    cluster = SimulatedCluster.builder().nodes(30, "16", "64Gi").start();
  }

  @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
  public void stopCluster() {
    cluster.close();
  }

  @Benchmark
  public int createAndRollOut() throws Exception {
    KubernetesClient client = cluster.client();
    // A deploy tool sends its creates concurrently; eight in flight keep the API server busy on two cores.
    ExecutorService senders = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < deployments; i++) {
        Deployment d = deployment("app-" + i);
        sent.add(senders.submit(() -> client.resource(d).create()));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdown();
    }
    cluster.awaitIdle();
    int available = available(client);
    for (Duration waited = Duration.ZERO; available < deployments && waited.compareTo(ROLLOUT_LIMIT) < 0;
        waited = waited.plusSeconds(1)) {
      cluster.advance(Duration.ofSeconds(1));
      available = available(client);
    }
    if (available != deployments) {
      throw new IllegalStateException("only " + available + " of " + deployments + " Deployments became Available");
    }
    return available;
  }

  /** Deployments with 3 available replicas, as a client listing them sees it. */
  private static int available(KubernetesClient client) {
    int available = 0;
    for (Deployment d : client.apps().deployments().inNamespace("default").list().getItems()) {
      Integer a = d.getStatus() == null ? null : d.getStatus().getAvailableReplicas();
      if (a != null && a == 3) {
        available++;
      }
    }
    return available;
  }

  static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(3)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("registry.example.com/" + name + ":1")
        .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
        .endResources().endContainer().endSpec()
        .endTemplate().endSpec().build();
  }
}
