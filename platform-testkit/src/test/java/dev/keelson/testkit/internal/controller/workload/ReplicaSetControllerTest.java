package dev.keelson.testkit.internal.controller.workload;

import static dev.keelson.testkit.internal.controller.workload.JsonAssert.assertJson;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.condition;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.name;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.replicaSetManifest;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ReplicaSetControllerTest {

  private final WorkloadCluster cluster = new WorkloadCluster();

  @AfterEach
  void close() {
    cluster.close();
  }

  private void scale(String rs, int replicas) {
    cluster.editReplicaSet(rs, o -> ((ObjectNode) o.get("spec")).put("replicas", replicas));
    cluster.settle();
  }

  private Set<String> podNames() {
    return cluster.pods("cache").stream().map(WorkloadCluster::name).collect(Collectors.toSet());
  }

  @Test
  void createsPodsFromTheTemplateAndReportsStatus() {
    ObjectNode manifest = replicaSetManifest("cache", 2, "redis:7");
    Json.metadata((ObjectNode) manifest.path("spec").path("template")).withObject("annotations")
        .put("team", "storage");
    cluster.createReplicaSet(manifest);
    cluster.settle();

    List<ObjectNode> pods = cluster.pods("cache");
    assertThat(pods).hasSize(2).allSatisfy(pod -> {
      assertThat(Json.text(pod, "metadata", "generateName")).isEqualTo("cache-");
      assertThat(Json.text(pod, "metadata", "annotations", "team")).isEqualTo("storage");
      assertThat(pod.path("spec").path("containers").get(0).path("image").asString()).isEqualTo("redis:7");
    });
    assertJson(cluster.replicaSet("cache").get("status"),
        "{\"replicas\":2,\"fullyLabeledReplicas\":2,\"terminatingReplicas\":0,\"observedGeneration\":1}");
    cluster.advance(Duration.ofSeconds(5));
    assertJson(cluster.replicaSet("cache").get("status"), """
        {"replicas":2,"fullyLabeledReplicas":2,"readyReplicas":2,"availableReplicas":2,"terminatingReplicas":0,
         "observedGeneration":1}""");
    assertThat(cluster.events("SuccessfulCreate")).hasSize(2);
  }

  @Test
  void scaleDownDeletesNotReadyPodsFirstThenTheCheapest() {
    cluster.createReplicaSet(replicaSetManifest("cache", 2, "redis:7"));
    cluster.settle();
    cluster.advance(Duration.ofSeconds(5));
    Set<String> readyPods = podNames();

    scale("cache", 3);
    assertThat(podNames()).hasSize(3);
    scale("cache", 2);
    assertThat(podNames()).isEqualTo(readyPods);

    String cheap = readyPods.iterator().next();
    ObjectNode pod = cluster.api.get(cluster.pods, WorkloadCluster.NAMESPACE, cheap);
    Json.metadata(pod).withObject("annotations").put("controller.kubernetes.io/pod-deletion-cost", "-10");
    cluster.api.update(cluster.pods, WorkloadCluster.NAMESPACE, pod, "test", false);
    scale("cache", 1);
    assertThat(podNames()).hasSize(1).doesNotContain(cheap);
    assertThat(cluster.events("SuccessfulDelete")).hasSize(2).contains("Deleted pod: " + cheap);
  }

  @Test
  void aPodThatStopsMatchingIsReleasedAndReplaced() {
    cluster.createReplicaSet(replicaSetManifest("cache", 1, "redis:7"));
    cluster.settle();
    String original = podNames().iterator().next();
    ObjectNode pod = cluster.api.get(cluster.pods, WorkloadCluster.NAMESPACE, original);
    Json.metadata(pod).withObject("labels").put("app", "debug");
    cluster.api.update(cluster.pods, WorkloadCluster.NAMESPACE, pod, "test", false);
    cluster.settle();

    ObjectNode released = cluster.api.get(cluster.pods, WorkloadCluster.NAMESPACE, original);
    assertThat(released.path("metadata").has("ownerReferences")).isFalse();
    assertThat(podNames()).hasSize(1).doesNotContain(original);
  }

  @Test
  void terminatingPodsAreCountedApartAndNotReplaced() {
    ObjectNode manifest = replicaSetManifest("cache", 2, "redis:7");
    Json.metadata((ObjectNode) manifest.path("spec").path("template")).putArray("finalizers").add("example.com/keep");
    cluster.createReplicaSet(manifest);
    cluster.settle();
    scale("cache", 1);

    assertThat(cluster.pods("cache")).hasSize(2);
    ObjectNode status = (ObjectNode) cluster.replicaSet("cache").get("status");
    assertThat(status.path("replicas").asInt()).isEqualTo(1);
    assertThat(status.path("terminatingReplicas").asInt()).isEqualTo(1);
  }

  @Test
  void failedPodCreationsSurfaceAsReplicaFailureUntilTheyStop() {
    boolean[] quotaExceeded = {true};
    cluster.api.addAdmission((type, op, object, old, dryRun) -> {
      if (quotaExceeded[0] && op == Admission.Operation.CREATE && type.kind().equals("Pod")) {
        String name = Json.text(object, "metadata", "name");
        throw ApiException.forbidden(type, name != null ? name : Json.text(object, "metadata", "generateName"),
            "exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0");
      }
    });
    cluster.create(WorkloadCluster.deployment("cache", 2, "redis:7"));
    cluster.settle();

    String rs = name(cluster.replicaSets("cache").get(0));
    // The API server names a pod from generateName before admission runs, so the error names the generated pod.
    String message = condition(cluster.replicaSet(rs), "ReplicaFailure").path("message").asString("");
    assertThat(message).matches("pods \"" + rs + "-[bcdfghjklmnpqrstvwxz2456789]{5}\" is forbidden: exceeded "
        + "quota: compute, requested: pods=1, used: pods=0, limited: pods=0");
    assertJson(condition(cluster.replicaSet(rs), "ReplicaFailure"), """
        {"type":"ReplicaFailure","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"FailedCreate",
         "message":"%s"}""".formatted(message.replace("\"", "\\\"")));
    assertThat(cluster.events("FailedCreate")).first().isEqualTo("Error creating: " + message);
    assertJson(condition(cluster.deployment("cache"), "ReplicaFailure"), """
        {"type":"ReplicaFailure","status":"True","lastUpdateTime":"2026-01-01T00:00:00Z",
         "lastTransitionTime":"2026-01-01T00:00:00Z","reason":"FailedCreate","message":"%s"}"""
        .formatted(message.replace("\"", "\\\"")));

    quotaExceeded[0] = false;
    cluster.advance(Duration.ofSeconds(10));
    assertThat(condition(cluster.replicaSet(rs), "ReplicaFailure")).isNull();
    assertThat(condition(cluster.deployment("cache"), "ReplicaFailure")).isNull();
    assertThat(status(cluster.deployment("cache"), "availableReplicas")).isEqualTo(2);
  }
}
