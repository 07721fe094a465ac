package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.RetryPolicy;
import dev.keelson.core.apply.ApplyException;
import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectOutcome;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A 100-object apply under injected API faults converges, or fails reporting exactly what was written. */
@SimulatedClusterTest
class ApplyFaultsTest {
  static final ApplySet BULK = ApplySet.of("bulk", "bulk");
  static final RetryPolicy QUICK = RetryPolicy.of(8, Duration.ofMillis(1), Duration.ofMillis(20));

  /** The namespace, 98 ConfigMaps and a Service: 100 objects in three tiers. */
  static List<HasMetadata> hundredObjects(String value) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(new NamespaceBuilder().withNewMetadata().withName("bulk").endMetadata().build());
    for (int i = 0; i < 98; i++) {
      objects.add(new ConfigMapBuilder().withNewMetadata().withName(String.format("cm-%03d", i))
          .withNamespace("bulk").endMetadata().addToData("value", value).build());
    }
    objects.add(new ServiceBuilder().withNewMetadata().withName("front").withNamespace("bulk").endMetadata()
        .withNewSpec().addToSelector("app", "front").addNewPort().withName("http").withPort(80).endPort().endSpec()
        .build());
    return objects;
  }

  static Plan plan(KubernetesClient client, List<HasMetadata> objects) {
    return Planner.on(client).applySet(BULK).retry(QUICK).build().plan(objects);
  }

  static Applier applier(KubernetesClient client) {
    return Applier.on(client).retry(QUICK).build();
  }

  @Test
  void serverErrorsAndThrottlingAreRetriedUntilConverged(KubernetesClient client, SimulatedCluster cluster) {
    // About 44% of patches fail; 20 attempts make a run of failures that exhausts them a one-in-ten-million event.
    RetryPolicy patient = RetryPolicy.of(20, Duration.ofMillis(1), Duration.ofMillis(10));
    cluster.faults().failAtRate(0.3, 500, 7L, call -> call.verb().equals("patch"));
    cluster.faults().failAtRate(0.2, 429, 11L, call -> call.verb().equals("patch"));
    cluster.faults().failAtRate(0.1, 503, 13L, call -> call.verb().equals("list") || call.verb().equals("get"));

    ApplyResult result = Applier.on(client).retry(patient).build().apply(Planner.on(client).applySet(BULK)
        .retry(patient).build().plan(hundredObjects("v1")));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.written()).hasSize(100);
    assertThat(result.requests()).as("retries were needed").isGreaterThan(100);
    cluster.faults().clear();
    assertThat(client.configMaps().inNamespace("bulk").list().getItems())
        .filteredOn(cm -> cm.getMetadata().getName().startsWith("cm-")).hasSize(98)
        .allSatisfy(cm -> assertThat(cm.getData()).containsEntry("value", "v1"));
    assertThat(plan(client, hundredObjects("v1")).hasChanges()).isFalse();
  }

  @Test
  void aConflictThatIsNotAboutFieldsIsReReadAndReplanned(KubernetesClient client, SimulatedCluster cluster) {
    applier(client).apply(plan(client, hundredObjects("v1")));
    cluster.faults().failNext(5, 409, call -> call.verb().equals("patch") && !call.isDryRun()
        && call.resource().equals("configmaps"));

    ApplyResult result = applier(client).apply(plan(client, hundredObjects("v2")));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.with(ObjectOutcome.Status.UPDATED)).hasSize(98);
    assertThat(cluster.requests().matching(c -> c.verb().equals("get") && c.resource().equals("configmaps")))
        .as("each 409 made the applier re-read the object").hasSize(5);
    assertThat(client.configMaps().inNamespace("bulk").list().getItems())
        .filteredOn(cm -> cm.getMetadata().getName().startsWith("cm-"))
        .allSatisfy(cm -> assertThat(cm.getData()).containsEntry("value", "v2"));
  }

  @Test
  void aPersistentFailureIsReportedExactlyAndLaterTiersAreNotAttempted(KubernetesClient client,
      SimulatedCluster cluster) {
    cluster.faults().failNext(1000, 500, call -> call.verb().equals("patch") && "cm-050".equals(call.name()));

    assertThatThrownBy(() -> applier(client).apply(plan(client, hundredObjects("v1"))))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          ApplyResult result = e.result();
          assertThat(result.failures()).extracting(o -> o.ref().name() + " " + o.status())
              .containsExactly("cm-050 FAILED", "front NOT_ATTEMPTED");
          assertThat(result.with(ObjectOutcome.Status.FAILED).get(0).error()).hasValueSatisfying(m ->
              assertThat(m).startsWith("HTTP 500"));
          assertThat(result.with(ObjectOutcome.Status.FAILED).get(0).attempts()).isEqualTo(QUICK.maxAttempts());
          assertThat(e.getMessage()).contains("98 created").contains("1 failed").contains("1 not attempted")
              .contains("failed ConfigMap bulk/cm-050: HTTP 500")
              .contains("not attempted Service bulk/front: an earlier write failed");

          Set<String> reportedWritten = result.written().stream().map(ObjectOutcome::ref)
              .filter(r -> r.kind().equals("ConfigMap")).map(ObjectRef::name).collect(Collectors.toSet());
          Set<String> live = client.configMaps().inNamespace("bulk").list().getItems().stream()
              .map(ConfigMap::getMetadata).map(m -> m.getName()).filter(n -> n.startsWith("cm-"))
              .collect(Collectors.toSet());
          assertThat(live).as("what the report says was written is exactly what exists").isEqualTo(reportedWritten);
          assertThat(client.services().inNamespace("bulk").withName("front").get()).isNull();
        });

    cluster.faults().clear();
    ApplyResult retried = applier(client).apply(plan(client, hundredObjects("v1")));
    assertThat(retried.written()).extracting(o -> o.ref().name()).containsExactlyInAnyOrder("cm-050", "front");
  }

  @Test
  void prunesAreSkippedWhenAWriteFailed(KubernetesClient client, SimulatedCluster cluster) {
    applier(client).apply(plan(client, hundredObjects("v1")));
    List<HasMetadata> fewer = new ArrayList<>(hundredObjects("v2"));
    fewer.removeIf(o -> o.getMetadata().getName().equals("cm-097"));
    cluster.faults().failNext(1000, 500, call -> call.verb().equals("patch") && "cm-010".equals(call.name()));

    assertThatThrownBy(() -> applier(client).apply(plan(client, fewer)))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.result().failures())
            .extracting(o -> o.ref().name() + " " + o.status())
            .contains("cm-010 FAILED", "cm-097 NOT_ATTEMPTED"));
    assertThat(client.configMaps().inNamespace("bulk").withName("cm-097").get()).isNotNull();
    assertThat(cluster.requests().matching(ApiCall::isWrite)).noneMatch(c -> c.verb().equals("delete"));
  }
}
