package dev.keelson.core.it;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectOutcome;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Change;
import dev.keelson.core.plan.FieldChange;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.core.spec.SpecException;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec → plan → apply path on the simulated cluster: one write per change, none when nothing changed. */
@SimulatedClusterTest
class PlanAndApplyTest {
  static final ApplySet SHOP = ApplySet.of("shop", "shop");

  static Plan plan(KubernetesClient client, List<HasMetadata> objects) {
    return Planner.on(client).applySet(SHOP).build().plan(objects);
  }

  static ApplyResult apply(KubernetesClient client, List<HasMetadata> objects) {
    return Applier.on(client).build().apply(plan(client, objects));
  }

  @Test
  void applyingTheAppWritesEachObjectOnceAndAgainWritesNothing(KubernetesClient client, SimulatedCluster cluster) {
    List<HasMetadata> objects = ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2"));

    Plan first = plan(client, objects);
    assertThat(first.creates()).hasSize(objects.size());
    assertThat(cluster.requests()).hasNoWrites();

    ApplyResult applied = Applier.on(client).build().apply(first);
    assertThat(applied.written()).hasSize(objects.size());
    assertThat(applied.with(ObjectOutcome.Status.CREATED)).hasSize(objects.size());
    assertThat(applied.bookkeepingWrites()).isEqualTo(1);
    long memberWrites = cluster.requests().writes().stream().filter(c -> !isParent(c)).count();
    assertThat(memberWrites).isEqualTo(objects.size());

    cluster.advance(Duration.ofMinutes(1));
    cluster.requests().clear();
    Plan second = plan(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    assertThat(second.hasChanges()).as(second.toDiff()).isFalse();
    assertThat(second.unchanged()).hasSize(objects.size());
    ApplyResult again = Applier.on(client).build().apply(second);

    assertThat(again.written()).isEmpty();
    assertThat(cluster.requests()).hasNoWrites();
    assertThat(cluster.requests().matching(c -> c.verb().equals("get") && !c.resource().equals("secrets")))
        .as("no GET per object: members come from one list per kind").isEmpty();
  }

  @Test
  void changingOneFieldWritesOneObjectAndShowsTheField(KubernetesClient client, SimulatedCluster cluster) {
    apply(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    cluster.requests().clear();

    Plan plan = plan(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.3")));

    assertThat(plan.updates()).extracting(Change::ref).extracting(ObjectRef::toString)
        .containsExactly("Deployment shop/web");
    Change update = plan.updates().get(0);
    assertThat(update.fields()).contains(new FieldChange("spec.template.spec.containers[name=app].image",
        FieldChange.Kind.CHANGED, "\"registry.example.com/shop/web:1.4.2\"", "\"registry.example.com/shop/web:1.4.3\""));
    assertThat(plan.toDiff()).contains("~ Deployment shop/web (update")
        .contains("-   spec.template.spec.containers[name=app].image: \"registry.example.com/shop/web:1.4.2\"")
        .contains("+   spec.template.spec.containers[name=app].image: \"registry.example.com/shop/web:1.4.3\"");

    ApplyResult result = Applier.on(client).build().apply(plan);

    assertThat(result.written()).extracting(ObjectOutcome::ref).extracting(ObjectRef::name).containsExactly("web");
    assertThat(cluster.requests()).hasWrites(1);
    Deployment web = client.apps().deployments().inNamespace("shop").withName("web").get();
    assertThat(web.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example.com/shop/web:1.4.3");
  }

  @Test
  void removingTheIngressFromTheSpecPrunesIt(KubernetesClient client, SimulatedCluster cluster) {
    apply(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    assertThat(client.network().v1().ingresses().inNamespace("shop").list().getItems()).hasSize(1);
    cluster.requests().clear();

    Plan plan = plan(client, ShopApp.objects(ShopApp.builder("registry.example.com/shop/web:1.4.2").build()));

    assertThat(plan.deletes()).extracting(c -> c.ref().kind()).containsExactly("Ingress");
    assertThat(plan.deletes().get(0).reason()).isEqualTo("pruned: left the spec of ApplySet shop/shop");
    ApplyResult result = Applier.on(client).build().apply(plan);

    assertThat(result.with(ObjectOutcome.Status.DELETED)).hasSize(1);
    assertThat(client.network().v1().ingresses().inNamespace("shop").list().getItems()).isEmpty();
    assertThat(client.secrets().inNamespace("shop").withName("shop").get().getMetadata().getAnnotations())
        .containsEntry(ApplySet.GROUP_KINDS_ANNOTATION, String.join(",", plan.groupKinds()))
        .doesNotContainValue("Ingress.networking.k8s.io");
    assertThat(String.join(",", plan.groupKinds())).doesNotContain("Ingress");
    assertThat(plan(client, ShopApp.objects(ShopApp.builder("registry.example.com/shop/web:1.4.2").build()))
        .hasChanges()).isFalse();
  }

  @Test
  void theApplySetIsRecordedTheWayKubectlRecordsIt(KubernetesClient client) {
    apply(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));

    var parent = client.secrets().inNamespace("shop").withName("shop").get();
    assertThat(parent.getMetadata().getLabels()).containsEntry(ApplySet.ID_LABEL, SHOP.id());
    assertThat(SHOP.id()).startsWith("applyset-").endsWith("-v1").hasSize("applyset-".length() + 43 + 3);
    assertThat(parent.getMetadata().getAnnotations())
        .containsEntry(ApplySet.TOOLING_ANNOTATION, "keelson/v0.1.0")
        .containsEntry(ApplySet.GROUP_KINDS_ANNOTATION,
            "ConfigMap,Deployment.apps,Ingress.networking.k8s.io,Namespace,NetworkPolicy.networking.k8s.io,"
                + "PodDisruptionBudget.policy,Secret,Service,ServiceAccount");
    assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getMetadata().getLabels())
        .containsEntry(ApplySet.PART_OF_LABEL, SHOP.id());
  }

  @Test
  void anAutoscalerOwningReplicasIsNotFoughtOver(KubernetesClient client, SimulatedCluster cluster) {
    apply(client, ShopApp.objects(ShopApp.autoscaled("registry.example.com/shop/web:1.4.2")));
    cluster.metrics().cpuUtilization("shop", "web", 210);
    cluster.advance(Duration.ofMinutes(2));
    int scaled = client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas();
    assertThat(scaled).isGreaterThan(2);
    cluster.requests().clear();

    ApplyResult again = apply(client, ShopApp.objects(ShopApp.autoscaled("registry.example.com/shop/web:1.4.2")));

    assertThat(again.written()).isEmpty();
    assertThat(cluster.requests().matching(ApiCall::isWrite)).isEmpty();
    assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas())
        .isEqualTo(scaled);
  }

  @Test
  void aFieldAnotherManagerOwnsIsAConflictNamingTheManagerUnlessForced(KubernetesClient client,
      SimulatedCluster cluster) {
    apply(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("web-config-probe").withNamespace("shop")
        .endMetadata().build()).create();
    Deployment scaled = client.apps().deployments().inNamespace("shop").withName("web").get();
    scaled.getSpec().setReplicas(5);
    client.apps().deployments().inNamespace("shop").withName("web").edit(d -> {
      d.getSpec().setReplicas(5);
      return d;
    });
    String editor = client.apps().deployments().inNamespace("shop").withName("web").get().getMetadata()
        .getManagedFields().stream().filter(m -> m.getOperation().equals("Update")).findFirst().orElseThrow()
        .getManager();

    Plan plan = plan(client, ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    assertThat(plan.updates()).extracting(c -> c.ref().name()).containsExactly("web");
    assertThat(plan.updates().get(0).fields()).contains(new FieldChange("spec.replicas", FieldChange.Kind.CHANGED,
        "5", "3"));

    assertThatThrownBy(() -> Applier.on(client).build().apply(plan))
        .isInstanceOfSatisfying(dev.keelson.core.apply.ApplyException.class, e -> {
          ObjectOutcome web = e.result().failures().get(0);
          assertThat(web.ref().name()).isEqualTo("web");
          assertThat(web.conflicts()).containsExactly(new ObjectOutcome.FieldConflict(editor, ".spec.replicas"));
          assertThat(e.getMessage()).contains("conflict with \"" + editor + "\"").contains(".spec.replicas");
        });
    assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas())
        .isEqualTo(5);

    Applier.on(client).force(true).build().apply(plan(client, ShopApp.objects(ShopApp.withIngress(
        "registry.example.com/shop/web:1.4.2"))));
    assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas())
        .isEqualTo(3);
  }

  @Test
  void badInputIsRejectedWholeBeforeAnythingIsWritten(KubernetesClient client, SimulatedCluster cluster) {
    List<HasMetadata> objects = new java.util.ArrayList<>(ShopApp.objects(
        ShopApp.withIngress("registry.example.com/shop/web:1.4.2")));
    objects.add(new ConfigMapBuilder().withNewMetadata().withName("Bad_Name").withNamespace("shop").endMetadata()
        .build());
    objects.add(new ConfigMapBuilder().withNewMetadata().withName("orphan").withNamespace("nowhere").endMetadata()
        .build());
    objects.add(new ConfigMapBuilder().withNewMetadata().withName("unscoped").endMetadata().build());

    assertThatThrownBy(() -> plan(client, objects))
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(v -> v.path() + " [" + v.rule() + "]")
            .containsExactlyInAnyOrder(
                "ConfigMap shop/Bad_Name.metadata.name [dns-1123-subdomain]",
                "ConfigMap nowhere/orphan.metadata.namespace [namespace-exists]",
                "ConfigMap unscoped.metadata.namespace [required]"));
    assertThat(cluster.requests()).hasNoWrites();
  }

  @Test
  void anOfflinePlanCreatesEverythingAndReadsNothing() {
    List<HasMetadata> objects = ShopApp.objects(ShopApp.withIngress("registry.example.com/shop/web:1.4.2"));

    Plan plan = Planner.offline().build().plan(objects);

    assertThat(plan.creates()).hasSize(objects.size());
    assertThat(plan.changes()).extracting(c -> c.ref().kind()).startsWith("Namespace").endsWith("Ingress");
    assertThat(plan.toDiff()).contains("+ Deployment shop/web (create: new)").contains("+     replicas: 3");
  }

  private static boolean isParent(ApiCall call) {
    return call.resource().equals("secrets") && "shop".equals(call.name());
  }
}
