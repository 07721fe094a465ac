package dev.keelson.benchmarks;

import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Converging 500 tenants' worth of objects (8 each: Namespace, ServiceAccount, Role, RoleBinding, ResourceQuota,
 * LimitRange, NetworkPolicy, ConfigMap; 4,000 in all, one ApplySet) on the simulated cluster through plan and
 * apply. {@code firstPass} starts from an empty cluster and must write exactly 4,000 objects; {@code secondPass}
 * re-converges the same spec and must write nothing and read no object one by one. Each iteration checks its
 * invariants and prints requests per object; the figure is wall time per pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ApplyBenchmark {
  static final ApplySet PLATFORM = ApplySet.of("tenants", "platform");

  @Param("500")
  public int tenants;

  private SimulatedCluster cluster;
  private List<HasMetadata> objects;

  @Setup(Level.Iteration)
  public void startCluster() {
    cluster = SimulatedCluster.start();
    cluster.client().resource(new NamespaceBuilder().withNewMetadata().withName("platform").endMetadata().build())
        .create();
    objects = tenantObjects(tenants);
  }

  @TearDown(Level.Iteration)
  public void stopCluster() {
    cluster.close();
  }

  @Benchmark
  public ApplyResult firstPass() {
    cluster.requests().clear();
    ApplyResult result = converge();
    long writes = memberWrites();
    if (writes != objects.size() || result.written().size() != objects.size()) {
      throw new IllegalStateException("first pass wrote " + writes + " objects, expected " + objects.size());
    }
    report("first pass", writes);
    return result;
  }

  @Benchmark
  public ApplyResult secondPass() {
    converge();
    cluster.requests().clear();
    long start = System.nanoTime();
    ApplyResult result = converge();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long writes = memberWrites();
    long gets = cluster.requests().matching(c -> c.verb().equals("get") && !c.resource().equals("secrets")).size();
    if (writes != 0 || gets != 0) {
      throw new IllegalStateException("second pass wrote " + writes + " objects and read " + gets
          + " one by one; expected 0 and 0");
    }
    report("second pass (" + millis + " ms of this iteration)", writes);
    return result;
  }

  private ApplyResult converge() {
    KubernetesClient client = cluster.client();
    long start = System.nanoTime();
    Plan plan = Planner.on(client).applySet(PLATFORM).build().plan(objects);
    long planned = System.nanoTime();
    ApplyResult result = Applier.on(client).concurrency(8).build().apply(plan);
    System.out.printf(Locale.ROOT, "%nplan %d ms, apply %d ms%n", (planned - start) / 1_000_000,
        (System.nanoTime() - planned) / 1_000_000);
    return result;
  }

  private long memberWrites() {
    return cluster.requests().writes().stream().filter(c -> !(c.resource().equals("secrets")
        && "platform".equals(c.namespace()))).count();
  }

  private void report(String pass, long writes) {
    List<ApiCall> all = cluster.requests().all();
    long lists = all.stream().filter(c -> c.verb().equals("list")).count();
    long gets = all.stream().filter(c -> c.verb().equals("get")).count();
    System.out.printf(Locale.ROOT, "%n%s: %d objects, %d requests (%.3f per object): %d writes, %d lists, %d gets,"
        + " %d other%n", pass, objects.size(), all.size(), all.size() / (double) objects.size(), writes, lists, gets,
        all.size() - writes - lists - gets);
  }

  static List<HasMetadata> tenantObjects(int tenants) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String ns = String.format(Locale.ROOT, "tenant-%03d", i);
      objects.add(new NamespaceBuilder().withNewMetadata().withName(ns).addToLabels("keelson.dev/tenant", ns)
          .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build());
      objects.add(new ServiceAccountBuilder().withNewMetadata().withName("deployer").withNamespace(ns).endMetadata()
          .withAutomountServiceAccountToken(false).build());
      objects.add(new RoleBuilder().withNewMetadata().withName("deployer").withNamespace(ns).endMetadata()
          .addNewRule().withApiGroups("apps").withResources("deployments").withVerbs("get", "list", "patch")
          .endRule().build());
      objects.add(new RoleBindingBuilder().withNewMetadata().withName("deployer").withNamespace(ns).endMetadata()
          .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("deployer")
          .endRoleRef().addNewSubject().withKind("ServiceAccount").withName("deployer").withNamespace(ns)
          .endSubject().build());
      objects.add(new ResourceQuotaBuilder().withNewMetadata().withName("quota").withNamespace(ns).endMetadata()
          .withNewSpec().addToHard("requests.cpu", new Quantity("4")).addToHard("requests.memory",
              new Quantity("8Gi")).addToHard("pods", new Quantity("40")).endSpec().build());
      objects.add(new LimitRangeBuilder().withNewMetadata().withName("defaults").withNamespace(ns).endMetadata()
          .withNewSpec().addNewLimit().withType("Container").addToDefaultRequest("cpu", new Quantity("100m"))
          .addToDefaultRequest("memory", new Quantity("128Mi")).addToDefault("memory", new Quantity("256Mi"))
          .endLimit().endSpec().build());
      objects.add(new NetworkPolicyBuilder().withNewMetadata().withName("default-deny").withNamespace(ns)
          .endMetadata().withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec()
          .build());
      objects.add(new ConfigMapBuilder().withNewMetadata().withName("tenant-info").withNamespace(ns).endMetadata()
          .addToData("owner", "team-" + i).addToData("cost-center", "cc-" + (1000 + i)).build());
    }
    return objects;
  }
}
