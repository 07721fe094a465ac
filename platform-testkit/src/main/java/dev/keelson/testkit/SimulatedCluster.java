package dev.keelson.testkit;

import dev.keelson.core.loop.Scheduler;
import dev.keelson.testkit.internal.admission.Admissions;
import dev.keelson.testkit.internal.api.ApiServer;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.defaults.ApiDefaults;
import dev.keelson.testkit.internal.api.PodSecurityAdmission;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.ResourceTypes;
import dev.keelson.testkit.internal.api.ServiceAllocation;
import dev.keelson.testkit.internal.controller.ControllerManager;
import dev.keelson.testkit.internal.controller.DisruptionController;
import dev.keelson.testkit.internal.controller.GarbageCollector;
import dev.keelson.testkit.internal.controller.HorizontalPodAutoscalerController;
import dev.keelson.testkit.internal.controller.ScriptedMetrics;
import dev.keelson.testkit.internal.controller.NamespaceLifecycle;
import dev.keelson.testkit.internal.controller.endpoints.EndpointControllers;
import dev.keelson.testkit.internal.controller.node.NodeControllers;
import dev.keelson.testkit.internal.controller.node.NodeSettings;
import dev.keelson.testkit.internal.controller.workload.CronJobController;
import dev.keelson.testkit.internal.controller.workload.StatefulSetControllers;
import dev.keelson.testkit.internal.controller.workload.WorkloadControllers;
import dev.keelson.testkit.internal.http.ApiDispatcher;
import dev.keelson.testkit.internal.metricsserver.MetricsServer;
import dev.keelson.testkit.internal.prom.QueryApi;
import dev.keelson.testkit.internal.series.PodTracker;
import dev.keelson.testkit.internal.series.ResourceUsage;
import dev.keelson.testkit.internal.series.ScriptedSeries;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes cluster simulated in-process: a real HTTP API server (on the fabric8 mock web server) with
 * Kubernetes' semantics — resourceVersions, generations, watches, label and field selectors, server-side apply
 * with managedFields and conflicts, strategic merge patch, finalizers and garbage collection, namespace
 * lifecycle — and controllers on a {@link VirtualClock}, so tests of platform logic run in milliseconds and
 * repeat exactly.
 *
 * <pre>{@code
 * try (SimulatedCluster cluster = SimulatedCluster.start()) {
 *   KubernetesClient client = cluster.client();
 *   client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
 *       .create();
 *   cluster.awaitIdle();
 * }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {

  /** Where the virtual clock starts unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  /** The mock web server logs every request at INFO through java.util.logging; the RequestLog has them all. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
      "kube-node-lease");

  private final VirtualClock clock;
  private final VirtualScheduler scheduler;
  private final ObjectStore store;
  private final ApiServer api;
  private final ControllerManager controllers;
  private final RequestLog requests = new RequestLog();
  private final ApiFaults faults;
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Nodes nodes;
  private final ClusterScript script;
  private final Metrics metrics;
  private Thread realTime;

  private SimulatedCluster(Builder builder) {
    Instant start = builder.start;
    long seed = builder.seed;
    this.clock = new VirtualClock(start);
    this.scheduler = new VirtualScheduler(clock);
    ResourceTypes types = new ResourceTypes();
    this.store = new ObjectStore(clock, seed);
    this.api = new ApiServer(types, store);
    api.addAdmission(new NamespaceLifecycle(store, types));
    api.addAdmission(new PodSecurityAdmission(store, types, builder.podSecurity));
    api.addAdmission(new ServiceAllocation(store, types, seed));
    this.controllers = new ControllerManager(store, types);
    controllers.register(new GarbageCollector(api));
    controllers.register(new DisruptionController(api));
    // After NamespaceLifecycle and PodSecurity: LimitRanger defaults, then ResourceQuota charges, as kube-apiserver.
    Admissions.install(api, controllers);
    NodeControllers nodeControllers = NodeControllers.install(controllers, api,
        NodeSettings.defaults().withPodStatusDefaults(true));
    WorkloadControllers.install(controllers, api);
    StatefulSetControllers.install(controllers, api);
    CronJobController.install(controllers, api);
    EndpointControllers.install(controllers, api);
    PodTracker tracked = new PodTracker(store, Map.of("ReplicaSet", api.type("apps/v1", "ReplicaSet"), "Job",
        api.type("batch/v1", "Job")));
    ScriptedSeries series = new ScriptedSeries(clock, tracked);
    MetricsServer metricsServer = new MetricsServer(store, api.type("v1", "Pod"), api.type("v1", "Node"),
        new ResourceUsage(series, tracked));
    ScriptedMetrics scripted = new ScriptedMetrics();
    controllers.register(new HorizontalPodAutoscalerController(api, metricsServer, scripted));
    this.metrics = new Metrics(scripted, series);
    this.nodes = new Nodes(nodeControllers.fleet());
    this.script = new ClusterScript(nodeControllers.behaviours());
    this.faults = new ApiFaults(store::dropWatches, store::compact);
    this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new ApiDispatcher(api, requests, faults::decide, new QueryApi(series, clock), metricsServer), false);
    server.init();
    for (String ns : SYSTEM_NAMESPACES) {
      ObjectNode namespace = Json.object();
      namespace.put("apiVersion", "v1");
      namespace.put("kind", "Namespace");
      Json.metadata(namespace).put("name", ns);
      // As the API server would store them: the metadata.name label, the kubernetes finalizer, phase Active.
      ApiDefaults.apply("", "v1", "Namespace", namespace);
      ApiDefaults.prepareNamespaceForCreate(namespace);
      store.create(namespaceType(), null, namespace);
    }
    for (int i = 0; i < builder.nodes; i++) {
      char letter = (char) ('a' + i % 26);
      String suffix = i < 26 ? String.valueOf(letter) : letter + Integer.toString(i / 26);
      nodes.add("node-" + suffix, builder.nodeCpu, builder.nodeMemory, "zone-" + (char) ('a' + i % 3));
    }
    controllers.runUntilIdle();
    this.client = newClient(UnaryOperator.identity());
  }

  /**
   * A cluster with the virtual clock at {@link #DEFAULT_START} and three Ready nodes ({@code node-a..c} in
   * {@code zone-a..c}, 8 CPU and 32Gi each).
   */
  public static SimulatedCluster start() {
    return builder().start();
  }

  /** A cluster whose clock starts at {@code start} and whose generated names and uids come from {@code seed}. */
  public static SimulatedCluster start(Instant start, long seed) {
    return builder().startAt(start).seed(seed).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options of a simulated cluster.
   *
   * <pre>{@code
   * SimulatedCluster.builder().nodes(20, "16", "64Gi").seed(7).start();
   * }</pre>
   */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private long seed = 1L;
    private int nodes = 3;
    private String nodeCpu = "8";
    private String nodeMemory = "32Gi";
    private PodSecurityCheck podSecurity = PodSecurityCheck.ACCEPT_ALL;

    private Builder() {
    }

    /**
     * The check behind the {@code pod-security.kubernetes.io/enforce} namespace label; by default every pod is
     * accepted.
     */
    public Builder podSecurity(PodSecurityCheck check) {
      this.podSecurity = Objects.requireNonNull(check, "check");
      return this;
    }

    /** Where the virtual clock starts. */
    public Builder startAt(Instant instant) {
      this.start = Objects.requireNonNull(instant, "instant");
      return this;
    }

    /** Seed of generated names and uids, so runs repeat. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** How many Ready nodes to start with (spread over zone-a..c), and their allocatable CPU and memory. */
    public Builder nodes(int count, String cpu, String memory) {
      if (count < 0) {
        throw new IllegalArgumentException("node count must not be negative, got " + count);
      }
      this.nodes = count;
      this.nodeCpu = Objects.requireNonNull(cpu, "cpu");
      this.nodeMemory = Objects.requireNonNull(memory, "memory");
      return this;
    }

    public SimulatedCluster start() {
      return new SimulatedCluster(this);
    }
  }

  /** The cluster's nodes: add, remove, and script their health. */
  public Nodes nodes() {
    return nodes;
  }

  /**
   * The pods' series the simulated Prometheus, the resource metrics API and autoscalers read, and the custom and
   * external metric values autoscalers see.
   */
  public Metrics metrics() {
    return metrics;
  }

  /** What the simulated kubelet does with containers: crash loops, OOM kills, failed pulls, slow starts. */
  public ClusterScript script() {
    return script;
  }

  /**
   * The shared client. fabric8's own retries of 429 and 5xx answers are off ({@code requestRetryBackoffLimit 0}),
   * so injected faults reach the code under test; use {@link #newClient} to turn them on.
   */
  public KubernetesClient client() {
    return client;
  }

  /**
   * A new client for this cluster; {@code config} may change anything, e.g. turn retries back on. The clients of
   * all simulated clusters share one {@link KubernetesSerialization} (fabric8's JSON mapping, thread-safe): each
   * new one builds its deserializers again, and the JVM compiles them again, which cost every new cluster about a
   * second of CPU on its first requests.
   */
  public KubernetesClient newClient(UnaryOperator<ConfigBuilder> config) {
    Config base = new ConfigBuilder(Config.empty())
        .withMasterUrl(server.url("/"))
        .withTrustCerts(true)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .withRequestTimeout(10_000)
        .withConnectionTimeout(10_000)
        .build();
    return new KubernetesClientBuilder().withConfig(config.apply(new ConfigBuilder(base)).build())
        .withKubernetesSerialization(SERIALIZATION).build();
  }

  /** The virtual clock; it moves only through {@link #advance(Duration)}. */
  public VirtualClock clock() {
    return clock;
  }

  /**
   * A {@link Scheduler} on the virtual clock, for control loops under test: its tasks run when the test moves time
   * ({@link #advance}, {@link #awaitIdle}, real-time mode), in due order and interleaved with the cluster's own
   * controllers. After the tasks due at an instant have run, it waits until every control loop on it is quiet
   * before time moves on, so a loop that requeues itself every minute reconciles at every minute of an
   * {@code advance(Duration.ofMinutes(30))}.
   *
   * <pre>{@code
   * ControlLoop<ObjectKey> loop = ControlLoop.builder("canary", reconciler).scheduler(cluster.scheduler()).build();
   * loop.start();
   * cluster.advance(Duration.ofMinutes(5));           // the reconciler's requeueAfter(5 min) fires
   * }</pre>
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Runs the controllers until none has work left, and the {@link #scheduler()}'s tasks that are due (timers not
   * yet due stay pending).
   */
  public SimulatedCluster awaitIdle() {
    synchronized (controllers) {
      do {
        controllers.runUntilIdle();
      } while (scheduler.runDue());
    }
    return this;
  }

  /**
   * Moves the virtual clock forward, running every controller step and {@link #scheduler()} task that falls due on
   * the way, in time order.
   */
  public SimulatedCluster advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward, got " + duration);
    }
    synchronized (controllers) {
      Instant target = clock.instant().plus(duration);
      scheduler.runDue();
      for (Optional<Instant> next = scheduler.nextDue(); next.isPresent() && !next.get().isAfter(target);
          next = scheduler.nextDue()) {
        controllers.advanceTo(next.get(), clock::moveTo);
        scheduler.runDue();
      }
      controllers.advanceTo(target, clock::moveTo);
    }
    return this;
  }

  /**
   * Real-time mode: a background thread moves the virtual clock with the wall clock and runs the controllers
   * every {@code tick}, so code under test that polls (an operator, a CLI waiting for a rollout) sees the cluster
   * progress without the test calling {@link #advance}. {@link #awaitIdle()} and {@link #advance} still work and
   * never run at the same time as the background thread.
   *
   * <pre>{@code
   * cluster.startRealTime(Duration.ofMillis(20));
   * deployer.deployAndWait(app);        // polls the API; the cluster moves on its own
   * cluster.stopRealTime();
   * }</pre>
   */
  public synchronized SimulatedCluster startRealTime(Duration tick) {
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be positive, got " + tick);
    }
    if (realTime != null) {
      return this;
    }
    Thread t = new Thread(() -> {
      long last = System.nanoTime();
      while (!Thread.currentThread().isInterrupted()) {
        try {
          Thread.sleep(Math.max(1, tick.toMillis()));
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        advance(Duration.ofNanos(now - last));
        last = now;
      }
    }, "keelson-real-time-clock");
    t.setDaemon(true);
    realTime = t;
    t.start();
    return this;
  }

  /** Ends real-time mode; the clock moves only through {@link #advance} again. */
  public synchronized SimulatedCluster stopRealTime() {
    Thread t = realTime;
    realTime = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return this;
  }

  /** Every request the API server received. */
  public RequestLog requests() {
    return requests;
  }

  /** Fault injection for the API server. */
  public ApiFaults faults() {
    return faults;
  }

  /** The API server's URL, for clients built by hand. */
  public String url() {
    return server.url("/");
  }

  /**
   * The base URL of the cluster's Prometheus-compatible query API ({@code <url>/prometheus}): point a Prometheus
   * client at it and it calls {@code <base>/api/v1/query} and {@code <base>/api/v1/query_range}, answered from the
   * series scripted through {@link #metrics()}, evaluated at the virtual clock's now unless a time is given.
   *
   * <pre>{@code
   * PrometheusClient prometheus = PrometheusClient.of(URI.create(cluster.prometheusUrl()));
   * QueryResult r = prometheus.query("sum(rate(http_requests_total{namespace=\"shop\"}[1m]))",
   *     cluster.clock().instant());
   * }</pre>
   */
  public String prometheusUrl() {
    return server.url(ApiDispatcher.PROMETHEUS_PATH);
  }

  /** The current resourceVersion of the whole cluster. */
  public long resourceVersion() {
    return store.resourceVersion();
  }

  ResourceType namespaceType() {
    return api.types().byKind("v1", "Namespace").orElseThrow();
  }

  @Override
  public void close() {
    stopRealTime();
    client.close();
    controllers.close();
    server.destroy();
  }
}
