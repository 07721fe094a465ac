package dev.keelson.benchmarks;

import dev.keelson.core.render.Manifests;
import dev.keelson.core.render.Renderer;
import dev.keelson.examples.SampleApp;
import dev.keelson.governance.policy.BestPractices;
import dev.keelson.governance.policy.ObjectVerdict;
import dev.keelson.governance.policy.PodTemplate;
import dev.keelson.governance.policy.PolicyContext;
import dev.keelson.governance.policy.PolicyEngine;
import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pod Security {@code restricted} plus every best practice over pod templates, single-threaded: the score is pod
 * templates judged per second (goal: at least 100,000 per core). The mix is realistic: the golden-path sample app
 * (compliant), a bare Deployment, a privileged DaemonSet with hostPath and host ports, a CronJob, a StatefulSet with
 * an init container and a Pod with a latest image; each is judged among the whole bundle, so the
 * context rules (disruption budgets, network policies, services) run too.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PolicyBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 8, time = 2)
@Fork(1)
public class PolicyBenchmark {

  /** Pod templates per invocation of {@link #restrictedAndBestPractices(Blackhole)}. */
  static final int TEMPLATES = 6;

  private PolicyEngine engine;
  private PolicyContext context;
  private List<HasMetadata> templates;

  @Setup
  public void setUp() {
    engine = PolicyEngine.builder().podSecurity(PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST)
        .rules(BestPractices.builder().allowedRegistries("registry.example.com").build()).build();
    List<HasMetadata> bundle = new ArrayList<>(Renderer.goldenPath().render(SampleApp.app()));
    bundle.addAll(Manifests.fromYaml(MIX));
    context = PolicyContext.of(bundle);
    templates = bundle.stream().filter(o -> PodTemplate.of(o).isPresent()).toList();
    if (templates.size() != TEMPLATES) {
      throw new IllegalStateException("expected " + TEMPLATES + " pod templates, got " + templates.size());
    }
  }

  /** Every template of the mix judged once: the score is templates per second. */
  @Benchmark
  @OperationsPerInvocation(TEMPLATES)
  public void restrictedAndBestPractices(Blackhole bh) {
    for (HasMetadata t : templates) {
      ObjectVerdict v = engine.evaluate(t, context);
      bh.consume(v);
    }
  }

  private static final String MIX = """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: bare, namespace: shop}
      spec:
        replicas: 2
        selector: {matchLabels: {app: bare}}
        template:
          metadata: {labels: {app: bare}}
          spec:
            containers:
            - {name: app, image: "docker.io/library/nginx:1.27"}
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: monitoring}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            hostNetwork: true
            hostPID: true
            volumes: [{name: proc, hostPath: {path: /proc}}, {name: tmp, emptyDir: {}}]
            containers:
            - name: agent
              image: registry.example.com/agent:3.1
              ports: [{containerPort: 9100, hostPort: 9100}]
              securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN, NET_RAW]}}
              resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 64Mi}}
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: report, namespace: shop}
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            template:
              metadata: {labels: {app: report}}
              spec:
                restartPolicy: Never
                securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                containers:
                - name: run
                  image: registry.example.com/report:2.0.1
                  resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}
                  securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
                                    capabilities: {drop: [ALL]}}
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: shop}
      spec:
        replicas: 3
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec:
            securityContext: {runAsNonRoot: true, runAsUser: 999, seccompProfile: {type: RuntimeDefault},
                              sysctls: [{name: net.ipv4.tcp_keepalive_time, value: "600"}]}
            initContainers:
            - name: init
              image: registry.example.com/db-init:1.0
              securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            containers:
            - name: db
              image: registry.example.com/postgres:16.4
              readinessProbe: {tcpSocket: {port: 5432}}
              resources: {requests: {cpu: "1", memory: 2Gi}, limits: {memory: 2Gi}}
              securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: debug, namespace: shop, labels: {app: debug}}
      spec:
        containers:
        - {name: shell, image: "busybox:latest", securityContext: {runAsUser: 0}}
      """;
}
