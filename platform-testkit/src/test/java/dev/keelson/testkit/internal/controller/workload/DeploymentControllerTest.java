package dev.keelson.testkit.internal.controller.workload;

import static dev.keelson.testkit.internal.controller.workload.JsonAssert.assertJson;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.annotation;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.condition;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.deployment;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.name;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.specReplicas;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Admission;
import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class DeploymentControllerTest {

  private final WorkloadCluster cluster = new WorkloadCluster();

  @AfterEach
  void close() {
    cluster.close();
  }

  private static String t(Duration sinceStart) {
    return ObjectStore.timestamp(WorkloadCluster.START.plus(sinceStart));
  }

  /** Creates the Deployment and lets its pods become Ready (the fake kubelet takes 5 s). */
  private void createReady(ObjectNode deployment) {
    cluster.create(deployment);
    cluster.settle();
    cluster.advance(Duration.ofSeconds(5));
  }

  private boolean complete(String name) {
    JsonNode progressing = condition(cluster.deployment(name), "Progressing");
    return progressing != null && progressing.path("reason").asString("").equals("NewReplicaSetAvailable");
  }

  /** Advances one second at a time until the rollout completes. */
  private void rollToCompletion(String name) {
    cluster.settle();
    for (int i = 0; i < 120 && !complete(name); i++) {
      cluster.advance(Duration.ofSeconds(1));
    }
    assertThat(complete(name)).as("rollout of %s completes", name).isTrue();
  }

  @Test
  void aNewDeploymentGetsAReplicaSetPodsAndExactStatus() {
    cluster.create(deployment("web", 3, "nginx:1"));
    cluster.settle();

    List<ObjectNode> sets = cluster.replicaSets("web");
    assertThat(sets).hasSize(1);
    ObjectNode rs = sets.get(0);
    String rsName = name(rs);
    String hash = rsName.substring("web-".length());
    assertThat(hash).matches("[4-9bcdf]{1,10}");
    String uid = Json.text(cluster.deployment("web"), "metadata", "uid");
    assertJson(rs.path("metadata").path("labels"), "{\"app\":\"web\",\"pod-template-hash\":\"" + hash + "\"}");
    assertJson(rs.path("metadata").path("annotations"), """
        {"deployment.kubernetes.io/desired-replicas":"3","deployment.kubernetes.io/max-replicas":"4",
         "deployment.kubernetes.io/revision":"1"}""");
    assertJson(rs.path("metadata").path("ownerReferences"), "[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"name\":\"web\",\"uid\":\"" + uid + "\",\"controller\":true,\"blockOwnerDeletion\":true}]");
    assertJson(rs.path("spec").path("selector"),
        "{\"matchLabels\":{\"app\":\"web\",\"pod-template-hash\":\"" + hash + "\"}}");
    assertJson(rs.path("spec").path("template").path("metadata").path("labels"),
        "{\"app\":\"web\",\"pod-template-hash\":\"" + hash + "\"}");
    assertThat(specReplicas(rs)).isEqualTo(3);

    List<ObjectNode> pods = cluster.pods("web");
    assertThat(pods).hasSize(3).allSatisfy(pod -> {
      assertThat(Json.text(pod, "metadata", "generateName")).isEqualTo(rsName + "-");
      assertThat(name(pod)).matches(rsName + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
      assertJson(pod.path("metadata").path("ownerReferences"), "[{\"apiVersion\":\"apps/v1\",\"kind\":"
          + "\"ReplicaSet\",\"name\":\"" + rsName + "\",\"uid\":\"" + Json.text(rs, "metadata", "uid")
          + "\",\"controller\":true,\"blockOwnerDeletion\":true}]");
    });

    ObjectNode d = cluster.deployment("web");
    assertThat(annotation(d, "deployment.kubernetes.io/revision")).isEqualTo("1");
    assertJson(d.get("status"), """
        {"observedGeneration":1,"replicas":3,"updatedReplicas":3,"unavailableReplicas":3,"terminatingReplicas":0,
         "conditions":[
          {"type":"Available","status":"False","lastUpdateTime":"%1$s","lastTransitionTime":"%1$s",
           "reason":"MinimumReplicasUnavailable","message":"Deployment does not have minimum availability."},
          {"type":"Progressing","status":"True","lastUpdateTime":"%1$s","lastTransitionTime":"%1$s",
           "reason":"ReplicaSetUpdated","message":"ReplicaSet \\"%2$s\\" is progressing."}]}"""
        .formatted(t(Duration.ZERO), rsName));

    cluster.advance(Duration.ofSeconds(5));
    assertJson(cluster.deployment("web").get("status"), """
        {"observedGeneration":1,"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,
         "terminatingReplicas":0,
         "conditions":[
          {"type":"Available","status":"True","lastUpdateTime":"%2$s","lastTransitionTime":"%2$s",
           "reason":"MinimumReplicasAvailable","message":"Deployment has minimum availability."},
          {"type":"Progressing","status":"True","lastUpdateTime":"%2$s","lastTransitionTime":"%1$s",
           "reason":"NewReplicaSetAvailable","message":"ReplicaSet \\"%3$s\\" has successfully progressed."}]}"""
        .formatted(t(Duration.ZERO), t(Duration.ofSeconds(5)), rsName));
    assertJson(cluster.replicaSet(rsName).get("status"), """
        {"replicas":3,"fullyLabeledReplicas":3,"readyReplicas":3,"availableReplicas":3,"terminatingReplicas":0,
         "observedGeneration":1}""");
    assertThat(cluster.events("ScalingReplicaSet")).containsExactly("Scaled up replica set " + rsName + " to 3");
    assertThat(cluster.events("SuccessfulCreate")).hasSize(3)
        .allSatisfy(m -> assertThat(m).startsWith("Created pod: " + rsName + "-"));
  }

  @Test
  void rollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() {
    PodCensus census = new PodCensus("web");
    cluster.register(census);
    createReady(deployment("web", 10, "nginx:1"));
    String oldRs = name(cluster.replicaSets("web").get(0));
    assertThat(census.readyCount()).isEqualTo(10);

    census.record();
    cluster.setImage("web", "nginx:2");
    rollToCompletion("web");

    // 25% of 10: surge ceil(2.5) = 3, unavailable floor(2.5) = 2, sampled at every pod change: 10 creations,
    // 10 deletions, 10 readiness changes.
    assertThat(census.samples()).isEqualTo(30);
    assertThat(census.maxPods()).isEqualTo(13);
    assertThat(census.minReady()).isEqualTo(8);
    ObjectNode newRs = cluster.replicaSetWithImage("web", "nginx:2");
    assertThat(specReplicas(newRs)).isEqualTo(10);
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isZero();
    assertThat(annotation(newRs, "deployment.kubernetes.io/revision")).isEqualTo("2");
    assertThat(annotation(cluster.deployment("web"), "deployment.kubernetes.io/revision")).isEqualTo("2");
    List<String> scaling = cluster.events("ScalingReplicaSet");
    assertThat(scaling.get(1)).isEqualTo("Scaled up replica set " + name(newRs) + " to 3");
    assertThat(scaling.get(2)).isEqualTo("Scaled down replica set " + oldRs + " to 8 from 10");
    assertThat(scaling.get(scaling.size() - 1)).matches("Scaled down replica set " + oldRs + " to 0 from \\d+");
    ObjectNode d = cluster.deployment("web");
    assertThat(status(d, "observedGeneration")).isEqualTo(2);
    assertThat(status(d, "replicas")).isEqualTo(10);
    assertThat(status(d, "updatedReplicas")).isEqualTo(10);
    assertThat(status(d, "availableReplicas")).isEqualTo(10);
    assertThat(d.path("status").has("unavailableReplicas")).isFalse();
    assertThat(condition(d, "Progressing").path("message").asString())
        .isEqualTo("ReplicaSet \"" + name(newRs) + "\" has successfully progressed.");
  }

  @Test
  void aRolloutWhoseNewPodsNeverBecomeReadyTimesOutAfterTheProgressDeadline() {
    cluster.kubelet.neverReady("nginx:broken");
    ObjectNode manifest = deployment("web", 10, "nginx:1");
    ((ObjectNode) manifest.get("spec")).put("progressDeadlineSeconds", 60);
    createReady(manifest);
    String oldRs = name(cluster.replicaSets("web").get(0));
    Instant rolloutStart = cluster.clock.instant();

    cluster.setImage("web", "nginx:broken");
    cluster.settle();
    String newRs = name(cluster.replicaSetWithImage("web", "nginx:broken"));
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isEqualTo(8);
    assertThat(specReplicas(cluster.replicaSet(newRs))).isEqualTo(5);

    cluster.advanceTo(rolloutStart.plusSeconds(60));
    assertThat(condition(cluster.deployment("web"), "Progressing").path("reason").asString())
        .isEqualTo("ReplicaSetUpdated");
    cluster.advance(Duration.ofSeconds(1));

    ObjectNode d = cluster.deployment("web");
    String deadline = ObjectStore.timestamp(rolloutStart.plusSeconds(61));
    assertJson(condition(d, "Progressing"), """
        {"type":"Progressing","status":"False","lastUpdateTime":"%1$s","lastTransitionTime":"%1$s",
         "reason":"ProgressDeadlineExceeded","message":"ReplicaSet \\"%2$s\\" has timed out progressing."}"""
        .formatted(deadline, newRs));
    assertThat(condition(d, "Available").path("status").asString()).isEqualTo("True");
    ObjectNode old = cluster.replicaSet(oldRs);
    assertThat(specReplicas(old)).isEqualTo(8);
    assertThat(status(old, "availableReplicas")).isEqualTo(8);
    assertThat(status(d, "availableReplicas")).isEqualTo(8);
    assertThat(status(d, "unavailableReplicas")).isEqualTo(5);
    assertThat(status(d, "updatedReplicas")).isEqualTo(5);

    cluster.advance(Duration.ofMinutes(30));
    assertThat(condition(cluster.deployment("web"), "Progressing").path("lastUpdateTime").asString())
        .isEqualTo(deadline);
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isEqualTo(8);
  }

  @Test
  void recreateScalesTheOldReplicaSetToZeroBeforeCreatingTheNewOne() {
    ObjectNode manifest = deployment("web", 3, "nginx:1");
    ((ObjectNode) manifest.get("spec")).putObject("strategy").put("type", "Recreate");
    createReady(manifest);
    String oldRs = name(cluster.replicaSets("web").get(0));
    int[] podsWhenNewRsAppeared = {-1};
    cluster.register(new RecordingController(event -> {
      if (event.resource().kind().equals("ReplicaSet") && event.type().equals("ADDED")
          && podsWhenNewRsAppeared[0] < 0) {
        podsWhenNewRsAppeared[0] = cluster.pods("web").size();
      }
    }));

    cluster.setImage("web", "nginx:2");
    cluster.settle();

    assertThat(podsWhenNewRsAppeared[0]).isZero();
    String newRs = name(cluster.replicaSetWithImage("web", "nginx:2"));
    assertThat(cluster.events("ScalingReplicaSet")).containsExactly("Scaled up replica set " + oldRs + " to 3",
        "Scaled down replica set " + oldRs + " to 0 from 3", "Scaled up replica set " + newRs + " to 3");
    assertThat(condition(cluster.deployment("web"), "Available").path("status").asString()).isEqualTo("False");
    assertThat(annotation(cluster.replicaSet(newRs), "deployment.kubernetes.io/max-replicas")).isEqualTo("3");
    cluster.advance(Duration.ofSeconds(5));
    assertThat(complete("web")).isTrue();
    assertThat(cluster.pods("web")).hasSize(3);
  }

  @Test
  void scalingDuringARolloutIsSpreadProportionally() {
    cluster.kubelet.neverReady("nginx:broken");
    createReady(deployment("web", 10, "nginx:1"));
    String oldRs = name(cluster.replicaSets("web").get(0));
    cluster.setImage("web", "nginx:broken");
    cluster.settle();
    String newRs = name(cluster.replicaSetWithImage("web", "nginx:broken"));
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isEqualTo(8);
    assertThat(specReplicas(cluster.replicaSet(newRs))).isEqualTo(5);

    // 20 replicas: surge 5, so 25 allowed; 12 more, split by size 8:5 against max-replicas 13.
    cluster.scale("web", 20);
    cluster.settle();
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isEqualTo(15);
    assertThat(specReplicas(cluster.replicaSet(newRs))).isEqualTo(10);
    for (String rs : List.of(oldRs, newRs)) {
      assertThat(annotation(cluster.replicaSet(rs), "deployment.kubernetes.io/desired-replicas")).isEqualTo("20");
      assertThat(annotation(cluster.replicaSet(rs), "deployment.kubernetes.io/max-replicas")).isEqualTo("25");
    }

    // 7 replicas: surge 2, so 9 allowed; 16 fewer, taken from the larger (older on ties) first.
    cluster.scale("web", 7);
    cluster.settle();
    assertThat(specReplicas(cluster.replicaSet(oldRs))).isEqualTo(5);
    assertThat(specReplicas(cluster.replicaSet(newRs))).isEqualTo(4);
    assertThat(cluster.events("ScalingReplicaSet")).containsSubsequence(
        "Scaled up replica set " + oldRs + " to 15 from 8", "Scaled up replica set " + newRs + " to 10 from 5",
        "Scaled down replica set " + oldRs + " to 5 from 15", "Scaled down replica set " + newRs + " to 4 from 10");
  }

  @Test
  void revisionHistoryLimitDeletesTheOldestIdleReplicaSets() {
    ObjectNode manifest = deployment("web", 1, "nginx:1");
    ((ObjectNode) manifest.get("spec")).put("revisionHistoryLimit", 2);
    createReady(manifest);
    for (int v = 2; v <= 5; v++) {
      cluster.setImage("web", "nginx:" + v);
      rollToCompletion("web");
    }
    cluster.advance(Duration.ofSeconds(5));

    assertThat(cluster.replicaSets("web")).extracting(rs -> annotation(rs, "deployment.kubernetes.io/revision"))
        .containsExactly("3", "4", "5");
    assertThat(cluster.replicaSetWithImage("web", "nginx:5").path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void goingBackToAnEarlierTemplateReusesItsReplicaSetWithANewRevision() {
    createReady(deployment("web", 2, "nginx:1"));
    String first = name(cluster.replicaSets("web").get(0));
    cluster.setImage("web", "nginx:2");
    rollToCompletion("web");
    String second = name(cluster.replicaSetWithImage("web", "nginx:2"));

    cluster.setImage("web", "nginx:1");
    rollToCompletion("web");
    assertThat(cluster.replicaSets("web")).hasSize(2);
    ObjectNode reused = cluster.replicaSet(first);
    assertThat(annotation(reused, "deployment.kubernetes.io/revision")).isEqualTo("3");
    assertThat(annotation(reused, "deployment.kubernetes.io/revision-history")).isEqualTo("1");
    assertThat(specReplicas(reused)).isEqualTo(2);
    assertThat(annotation(cluster.deployment("web"), "deployment.kubernetes.io/revision")).isEqualTo("3");
    assertThat(condition(cluster.deployment("web"), "Progressing").path("message").asString())
        .isEqualTo("ReplicaSet \"" + first + "\" has successfully progressed.");

    cluster.setImage("web", "nginx:2");
    rollToCompletion("web");
    cluster.setImage("web", "nginx:1");
    rollToCompletion("web");
    assertThat(annotation(cluster.replicaSet(second), "deployment.kubernetes.io/revision")).isEqualTo("4");
    assertThat(annotation(cluster.replicaSet(second), "deployment.kubernetes.io/revision-history")).isEqualTo("2");
    assertThat(annotation(cluster.replicaSet(first), "deployment.kubernetes.io/revision")).isEqualTo("5");
    assertThat(annotation(cluster.replicaSet(first), "deployment.kubernetes.io/revision-history")).isEqualTo("1,3");
  }

  @Test
  void theLegacyRollbackAnnotationRestoresThePreviousTemplate() {
    createReady(deployment("web", 1, "nginx:1"));
    cluster.setImage("web", "nginx:2");
    rollToCompletion("web");

    cluster.edit("web", d -> Json.metadata(d).withObject("annotations")
        .put("deprecated.deployment.rollback.to", "0"));
    rollToCompletion("web");

    ObjectNode d = cluster.deployment("web");
    assertThat(annotation(d, "deprecated.deployment.rollback.to")).isNull();
    assertThat(d.path("spec").path("template").path("spec").path("containers").get(0).path("image").asString())
        .isEqualTo("nginx:1");
    assertThat(d.path("spec").path("template").path("metadata").path("labels").has("pod-template-hash")).isFalse();
    assertThat(cluster.events("DeploymentRollback")).containsExactly("Rolled back deployment \"web\" to revision 1");
    assertThat(annotation(d, "deployment.kubernetes.io/revision")).isEqualTo("3");
  }

  @Test
  void aPausedDeploymentScalesButDoesNotRollOutUntilResumed() {
    createReady(deployment("web", 3, "nginx:1"));
    String rs = name(cluster.replicaSets("web").get(0));
    cluster.edit("web", d -> ((ObjectNode) d.get("spec")).put("paused", true));
    cluster.setImage("web", "nginx:2");
    cluster.scale("web", 5);
    cluster.settle();

    ObjectNode d = cluster.deployment("web");
    assertThat(cluster.replicaSets("web")).hasSize(1);
    assertThat(specReplicas(cluster.replicaSet(rs))).isEqualTo(5);
    assertThat(status(d, "observedGeneration")).isEqualTo(4);
    assertJson(condition(d, "Progressing"), """
        {"type":"Progressing","status":"Unknown","lastUpdateTime":"%1$s","lastTransitionTime":"%1$s",
         "reason":"DeploymentPaused","message":"Deployment is paused"}""".formatted(t(Duration.ofSeconds(5))));
    cluster.advance(Duration.ofMinutes(20));
    assertThat(condition(cluster.deployment("web"), "Progressing").path("reason").asString())
        .isEqualTo("DeploymentPaused");

    List<String> progressingReasons = new java.util.ArrayList<>();
    cluster.register(new RecordingController(event -> {
      JsonNode c = condition(event.object(), "Progressing");
      if (event.resource().kind().equals("Deployment") && c != null) {
        String reason = c.path("reason").asString("");
        if (progressingReasons.isEmpty() || !progressingReasons.get(progressingReasons.size() - 1).equals(reason)) {
          progressingReasons.add(reason);
        }
      }
    }));
    cluster.edit("web", x -> ((ObjectNode) x.get("spec")).put("paused", false));
    cluster.settle();
    assertThat(progressingReasons).containsSubsequence("DeploymentPaused", "DeploymentResumed",
        "NewReplicaSetCreated");
    assertThat(cluster.replicaSets("web")).hasSize(2);
    assertThat(cluster.events("ScalingReplicaSet")).contains("Scaled up replica set " + rs + " to 5 from 3");
    rollToCompletion("web");
    assertThat(specReplicas(cluster.replicaSetWithImage("web", "nginx:2"))).isEqualTo(5);
  }

  @Test
  void minReadySecondsDelaysAvailabilityOnTheVirtualClock() {
    ObjectNode manifest = deployment("web", 2, "nginx:1");
    ((ObjectNode) manifest.get("spec")).put("minReadySeconds", 10);
    cluster.create(manifest);
    cluster.settle();
    String rs = name(cluster.replicaSets("web").get(0));
    assertThat(cluster.replicaSet(rs).path("spec").path("minReadySeconds").asInt()).isEqualTo(10);

    cluster.advanceTo(WorkloadCluster.START.plusSeconds(15));
    assertThat(status(cluster.replicaSet(rs), "readyReplicas")).isEqualTo(2);
    assertThat(status(cluster.replicaSet(rs), "availableReplicas")).isZero();
    assertThat(status(cluster.deployment("web"), "availableReplicas")).isZero();

    cluster.advance(Duration.ofSeconds(1));
    assertThat(status(cluster.replicaSet(rs), "availableReplicas")).isEqualTo(2);
    assertThat(status(cluster.deployment("web"), "availableReplicas")).isEqualTo(2);
    assertThat(complete("web")).isTrue();
  }

  @Test
  void aNameCollisionBumpsTheCollisionCount() {
    // The hash is over the template as stored, API defaults included; the controller runs only on settle().
    JsonNode template = cluster.create(deployment("web", 1, "nginx:1")).path("spec").path("template").deepCopy();
    String taken = "web-" + PodTemplateHash.compute(template, null);
    ObjectNode squatter = deployment("other", 1, "busybox");
    squatter.put("kind", "ReplicaSet");
    Json.metadata(squatter).put("name", taken);
    cluster.api.create(cluster.replicaSets, WorkloadCluster.NAMESPACE, squatter, "test", false);

    cluster.settle();

    ObjectNode d = cluster.deployment("web");
    assertThat(status(d, "collisionCount")).isZero();
    assertThat(d.path("status").has("collisionCount")).isTrue();
    String expected = "web-" + PodTemplateHash.compute(template, 0);
    assertThat(expected).isNotEqualTo(taken);
    assertThat(cluster.replicaSets("web")).extracting(WorkloadCluster::name).containsExactly(expected);
  }

  @Test
  void aFailedReplicaSetCreationIsReportedAndRetried() {
    boolean[] refuse = {true};
    cluster.api.addAdmission((type, op, object, old, dryRun) -> {
      if (refuse[0] && op == Admission.Operation.CREATE && type.kind().equals("ReplicaSet")) {
        throw ApiException.forbidden(type, Json.text(object, "metadata", "name"), "exceeded quota: apps");
      }
    });
    cluster.create(deployment("web", 1, "nginx:1"));
    cluster.settle();

    String rs = "web-" + PodTemplateHash.compute(cluster.deployment("web").path("spec").path("template"), null);
    String message = "Failed to create new replica set \"" + rs + "\": replicasets.apps \"" + rs
        + "\" is forbidden: exceeded quota: apps";
    assertJson(condition(cluster.deployment("web"), "Progressing"), """
        {"type":"Progressing","status":"False","lastUpdateTime":"%1$s","lastTransitionTime":"%1$s",
         "reason":"ReplicaSetCreateError","message":"%2$s"}"""
        .formatted(t(Duration.ZERO), message.replace("\"", "\\\"")));
    assertThat(cluster.events("ReplicaSetCreateError")).first().isEqualTo(message);

    refuse[0] = false;
    cluster.advance(Duration.ofSeconds(2));
    assertThat(cluster.replicaSets("web")).extracting(WorkloadCluster::name).containsExactly(rs);
    assertThat(condition(cluster.deployment("web"), "Progressing").path("status").asString()).isEqualTo("True");
    cluster.advance(Duration.ofSeconds(5));
    assertThat(complete("web")).isTrue();
  }

  @Test
  void anEmptySelectorIsRefused() {
    ObjectNode manifest = deployment("web", 1, "nginx:1");
    ((ObjectNode) manifest.get("spec")).putObject("selector");
    cluster.create(manifest);
    cluster.settle();

    // Every sync warns again (the status write itself triggers one more), as upstream does.
    assertThat(cluster.events("SelectingAll")).isNotEmpty()
        .containsOnly("This deployment is selecting all pods. A non-empty selector is required.");
    assertThat(cluster.replicaSets("web")).isEmpty();
    assertThat(status(cluster.deployment("web"), "observedGeneration")).isEqualTo(1);
  }

  @Test
  void deletingADeploymentCascadesToReplicaSetsAndPods() {
    createReady(deployment("web", 2, "nginx:1"));
    cluster.api.delete(cluster.deployments, WorkloadCluster.NAMESPACE, "web", null, false);
    cluster.settle();
    assertThat(cluster.replicaSets("web")).isEmpty();
    assertThat(cluster.pods("web")).isEmpty();
  }
}
