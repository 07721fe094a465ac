package dev.keelson.examples;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.ImmutableAppSpec;
import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.defaults.Default;
import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.events.AuditRecord;
import dev.keelson.core.events.EventBus;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.core.render.Renderer;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.testkit.SimulatedCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The one-command tour: the sample app goes through spec → plan → apply → events on an embedded simulated
 * cluster, is re-applied (nothing to write), released with a new image (one field), and loses an object that
 * the spec no longer wants (pruned). Everything runs on the cluster's virtual clock, so it takes seconds.
 *
 * <pre>
 * java -jar examples/target/keelson.jar tour
 * </pre>
 */
public final class Tour {
  private static final ApplySet SHOP = ApplySet.of("shop", "shop");

  private final PrintStream out;
  private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
  private final EventBus events = EventBus.create();

  public Tour(PrintStream out) {
    this.out = out;
    events.subscribe(AuditRecord.class, audit::add);
  }

  /** Runs the tour; returns 0 when every step did what it should. */
  public int run() throws Exception {
    try (SimulatedCluster cluster = SimulatedCluster.start()) {
      KubernetesClient client = cluster.client();
      step("1. Render the sample app with the golden-path defaults and plan it against an empty cluster");
      Plan plan = plan(client, objects(Keelson.renderer(), SampleApp.workload()));
      out.println(plan.summary());
      plan.creates().forEach(c -> out.println("  + " + c.ref()));

      step("2. Apply, and wait for the rollout on the virtual clock");
      cluster.metrics().cpuUtilization("shop", "web", 55);   // each pod at 55% of its CPU request
      ApplyResult first = applyAndWait(cluster, plan);
      cluster.advance(Duration.ofMinutes(2));                 // the autoscaler brings web to its minimum of 3
      out.println(first.summary() + "; " + first.requests() + " write requests for " + plan.changes().size()
          + " objects");
      out.println(rollout(client));

      step("3. Plan and apply the same spec again");
      cluster.requests().clear();
      Plan again = plan(client, objects(Keelson.renderer(), SampleApp.workload()));
      ApplyResult second = applier(cluster).apply(again);
      out.println(again.summary() + "; " + cluster.requests().writes().size() + " writes, "
          + cluster.requests().size() + " requests in all");

      step("4. Release a new image: one field of one object changes");
      DeploymentSpec release = withImage(SampleApp.workload(), "registry.example.com/shop/web:1.4.3");
      Plan releasePlan = plan(client, objects(Keelson.renderer(), release));
      out.print(releasePlan.toDiff());
      applyAndWait(cluster, releasePlan);
      cluster.advance(Duration.ofMinutes(2));
      out.println(rollout(client));

      step("5. Turn off the disruption-budget default: the PodDisruptionBudget leaves the spec and is pruned");
      Plan prunePlan = plan(client, objects(Renderer.with(Defaults.goldenPath().without(Default.DISRUPTION_BUDGET)),
          release));
      out.print(prunePlan.toDiff());
      ApplyResult pruned = applier(cluster).apply(prunePlan);
      out.println(pruned.summary());

      step("6. The audit trail: one record per write, digests instead of contents");
      out.println(audit.size() + " audit records; the last one:");
      out.println("  " + audit.get(audit.size() - 1).message());

      boolean ok = first.succeeded() && second.written().isEmpty() && releasePlan.updates().size() == 1
          && prunePlan.deletes().size() == 1;
      out.println(ok ? "\nTour complete." : "\nTour did not go as expected.");
      return ok ? 0 : 1;
    }
  }

  private void step(String title) {
    out.println();
    out.println("== " + title);
  }

  private static Plan plan(KubernetesClient client, List<HasMetadata> objects) {
    return Planner.on(client).applySet(SHOP).build().plan(objects);
  }

  private Applier applier(SimulatedCluster cluster) {
    return Applier.on(cluster.client()).events(events).clock(cluster.clock()).actor("tour")
        .reason("keelson tour").waitForReadiness(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5)).build();
  }

  /** Applies on this thread's behalf while the virtual clock moves, so the rollout can happen. */
  private ApplyResult applyAndWait(SimulatedCluster cluster, Plan plan) throws Exception {
    Supplier<ApplyResult> apply = () -> applier(cluster).apply(plan);
    CompletableFuture<ApplyResult> done = CompletableFuture.supplyAsync(apply);
    for (int step = 0; step < 600 && !done.isDone(); step++) {
      cluster.advance(Duration.ofSeconds(5));
      Thread.sleep(2);
    }
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static String rollout(KubernetesClient client) {
    Deployment web = client.apps().deployments().inNamespace("shop").withName("web").get();
    return "Deployment shop/web: " + web.getStatus().getAvailableReplicas() + " of " + web.getSpec().getReplicas()
        + " replicas available, image " + web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static List<HasMetadata> objects(Renderer renderer, DeploymentSpec workload) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());
    objects.addAll(renderer.render(ImmutableAppSpec.copyOf(SampleApp.app()).withWorkload(workload)));
    return objects;
  }

  private static DeploymentSpec withImage(DeploymentSpec spec, String image) {
    List<ContainerSpec> containers = spec.containers().stream()
        .<ContainerSpec>map(c -> ContainerSpec.builder().from(c).image(image).build()).toList();
    return dev.keelson.core.workload.ImmutableDeploymentSpec.copyOf(spec).withContainers(containers);
  }
}
