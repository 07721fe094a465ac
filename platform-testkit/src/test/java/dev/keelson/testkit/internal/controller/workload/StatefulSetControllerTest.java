package dev.keelson.testkit.internal.controller.workload;

import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.NAMESPACE;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.name;
import static dev.keelson.testkit.internal.controller.workload.WorkloadCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StatefulSetControllerTest {

  private final WorkloadCluster cluster = new WorkloadCluster();
  private final ResourceType statefulSets = cluster.api.type("apps/v1", "StatefulSet");
  private final ResourceType claims = cluster.api.type("v1", "PersistentVolumeClaim");
  private final List<String> created = new ArrayList<>();
  private final List<String> deleted = new ArrayList<>();
  private final Map<String, Instant> deletedAt = new LinkedHashMap<>();

  StatefulSetControllerTest() {
    StatefulSetControllers.install(cluster.manager, cluster.api);
    cluster.register(new RecordingController(e -> {
      if (!e.resource().kind().equals("Pod")) {
        return;
      }
      String pod = Json.text(e.object(), "metadata", "name");
      if (e.type().equals("ADDED")) {
        created.add(pod);
      } else if (e.type().equals("DELETED")) {
        deleted.add(pod);
        deletedAt.put(pod + "#" + deleted.size(), cluster.clock.instant());
      }
    }));
  }

  @AfterEach
  void close() {
    cluster.close();
  }

  static ObjectNode statefulSet(String name, int replicas, String image) {
    ObjectNode s = WorkloadCluster.deployment(name, replicas, image);
    s.put("kind", "StatefulSet");
    ((ObjectNode) s.get("spec")).put("serviceName", name);
    return s;
  }

  private ObjectNode create(ObjectNode set) {
    return cluster.api.create(statefulSets, NAMESPACE, set, "test", false);
  }

  private ObjectNode get(String name) {
    return cluster.api.get(statefulSets, NAMESPACE, name);
  }

  private void edit(String name, Consumer<ObjectNode> change) {
    ObjectNode s = get(name);
    change.accept(s);
    cluster.api.update(statefulSets, NAMESPACE, s, "test", false);
  }

  private List<String> podNames(String app) {
    return cluster.pods(app).stream().map(WorkloadCluster::name).sorted().toList();
  }

  private static String image(JsonNode pod) {
    return pod.path("spec").path("containers").get(0).path("image").asString("");
  }

  private ObjectNode pod(String name) {
    return cluster.api.get(cluster.pods, NAMESPACE, name);
  }

  @Test
  void orderedReadyCreatesEachOrdinalOnlyAfterItsPredecessorIsReady() {
    create(statefulSet("web", 3, "nginx:1"));
    cluster.settle();
    assertThat(podNames("web")).containsExactly("web-0");

    cluster.advance(Duration.ofSeconds(4));
    assertThat(podNames("web")).as("web-0 is not Ready yet").containsExactly("web-0");

    cluster.advance(Duration.ofSeconds(1));
    assertThat(podNames("web")).containsExactly("web-0", "web-1");
    assertThat(PodState.ready(pod("web-1"))).isFalse();

    cluster.advance(Duration.ofSeconds(5));
    assertThat(podNames("web")).containsExactly("web-0", "web-1", "web-2");
    cluster.advance(Duration.ofSeconds(5));
    assertThat(deleted).isEmpty();
    assertThat(created).containsExactly("web-0", "web-1", "web-2");

    ObjectNode web1 = pod("web-1");
    assertThat(Json.text(web1, "metadata", "labels", "statefulset.kubernetes.io/pod-name")).isEqualTo("web-1");
    assertThat(Json.text(web1, "metadata", "labels", "apps.kubernetes.io/pod-index")).isEqualTo("1");
    assertThat(web1.path("metadata").path("ownerReferences").get(0).path("kind").asString()).isEqualTo("StatefulSet");
    assertThat(web1.path("metadata").path("ownerReferences").get(0).path("controller").asBoolean()).isTrue();
    assertThat(Json.text(web1, "spec", "hostname")).isEqualTo("web-1");
    assertThat(Json.text(web1, "spec", "subdomain")).isEqualTo("web");

    ObjectNode set = get("web");
    String revision = Json.text(set, "status", "updateRevision");
    assertThat(revision).startsWith("web-");
    assertThat(Json.text(set, "status", "currentRevision")).isEqualTo(revision);
    assertThat(Json.text(web1, "metadata", "labels", "controller-revision-hash")).isEqualTo(revision);
    assertThat(cluster.store.get(cluster.api.type("apps/v1", "ControllerRevision"), NAMESPACE, revision)).isNotNull();
    assertThat(status(set, "replicas")).isEqualTo(3);
    assertThat(status(set, "readyReplicas")).isEqualTo(3);
    assertThat(status(set, "availableReplicas")).isEqualTo(3);
    assertThat(status(set, "currentReplicas")).isEqualTo(3);
    assertThat(status(set, "updatedReplicas")).isEqualTo(3);
    assertThat(status(set, "observedGeneration")).isEqualTo(1);
  }

  @Test
  void orderedReadyWaitsForeverBehindAPodThatNeverBecomesReady() {
    cluster.kubelet.neverReady("broken:1");
    create(statefulSet("web", 3, "broken:1"));
    cluster.advance(Duration.ofMinutes(5));
    assertThat(podNames("web")).containsExactly("web-0");
    assertThat(status(get("web"), "readyReplicas")).isZero();
  }

  @Test
  void parallelCreatesAllPodsAtOnce() {
    ObjectNode set = statefulSet("web", 3, "nginx:1");
    ((ObjectNode) set.get("spec")).put("podManagementPolicy", "Parallel");
    create(set);
    cluster.settle();
    assertThat(podNames("web")).containsExactly("web-0", "web-1", "web-2");
  }

  @Test
  void partitionedRollingUpdateReplacesOnlyOrdinalsAtOrAbovePartitionHighestFirst() {
    create(statefulSet("web", 4, "nginx:1"));
    cluster.advance(Duration.ofSeconds(30));
    assertThat(status(get("web"), "readyReplicas")).isEqualTo(4);
    String oldRevision = Json.text(get("web"), "status", "currentRevision");
    deleted.clear();
    deletedAt.clear();

    edit("web", s -> {
      ObjectNode spec = (ObjectNode) s.get("spec");
      spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("partition", 2);
      ((ObjectNode) spec.path("template").path("spec").path("containers").get(0)).put("image", "nginx:2");
    });
    cluster.settle();
    assertThat(deleted).as("one pod at a time, highest ordinal first").containsExactly("web-3");
    assertThat(image(pod("web-3"))).isEqualTo("nginx:2");

    cluster.advance(Duration.ofMinutes(2));
    assertThat(deleted).containsExactly("web-3", "web-2");
    List<Instant> times = new ArrayList<>(deletedAt.values());
    assertThat(Duration.between(times.get(0), times.get(1))).as("web-2 waits for the new web-3 to be Ready")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(image(pod("web-0"))).isEqualTo("nginx:1");
    assertThat(image(pod("web-1"))).isEqualTo("nginx:1");
    assertThat(image(pod("web-2"))).isEqualTo("nginx:2");
    assertThat(image(pod("web-3"))).isEqualTo("nginx:2");

    ObjectNode set = get("web");
    String newRevision = Json.text(set, "status", "updateRevision");
    assertThat(newRevision).isNotEqualTo(oldRevision);
    assertThat(Json.text(set, "status", "currentRevision")).isEqualTo(oldRevision);
    assertThat(Json.text(pod("web-0"), "metadata", "labels", "controller-revision-hash")).isEqualTo(oldRevision);
    assertThat(Json.text(pod("web-3"), "metadata", "labels", "controller-revision-hash")).isEqualTo(newRevision);
    assertThat(status(set, "currentReplicas")).isEqualTo(2);
    assertThat(status(set, "updatedReplicas")).isEqualTo(2);
    assertThat(status(set, "observedGeneration")).isEqualTo(2);

    // A deleted pod below the partition comes back at the old revision.
    cluster.api.delete(cluster.pods, NAMESPACE, "web-1", null, false);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(image(pod("web-1"))).isEqualTo("nginx:1");

    // Lowering the partition to 0 finishes the rollout and promotes the revision.
    edit("web", s -> ((ObjectNode) s.path("spec").path("updateStrategy").path("rollingUpdate")).put("partition", 0));
    cluster.advance(Duration.ofMinutes(2));
    assertThat(cluster.pods("web")).allSatisfy(p -> assertThat(image(p)).isEqualTo("nginx:2"));
    set = get("web");
    assertThat(Json.text(set, "status", "currentRevision")).isEqualTo(newRevision);
    assertThat(status(set, "currentReplicas")).isEqualTo(4);
    assertThat(status(set, "updatedReplicas")).isEqualTo(4);
  }

  @Test
  void onDeleteLeavesPodsUntilTheyAreDeleted() {
    ObjectNode manifest = statefulSet("web", 2, "nginx:1");
    ((ObjectNode) manifest.get("spec")).putObject("updateStrategy").put("type", "OnDelete");
    create(manifest);
    cluster.advance(Duration.ofSeconds(20));
    edit("web", s -> ((ObjectNode) s.path("spec").path("template").path("spec").path("containers").get(0))
        .put("image", "nginx:2"));
    cluster.advance(Duration.ofMinutes(1));
    assertThat(cluster.pods("web")).allSatisfy(p -> assertThat(image(p)).isEqualTo("nginx:1"));

    cluster.api.delete(cluster.pods, NAMESPACE, "web-1", null, false);
    cluster.advance(Duration.ofSeconds(10));
    assertThat(image(pod("web-1"))).isEqualTo("nginx:2");
    assertThat(image(pod("web-0"))).isEqualTo("nginx:1");
    assertThat(status(get("web"), "updatedReplicas")).isEqualTo(1);
  }

  @Test
  void createsOneClaimPerOrdinalAndKeepsThemOnScaleDownWhichGoesHighestFirst() {
    ObjectNode manifest = statefulSet("db", 3, "postgres:16");
    ObjectNode claim = ((ObjectNode) manifest.get("spec")).putArray("volumeClaimTemplates").addObject();
    claim.putObject("metadata").put("name", "data");
    ObjectNode claimSpec = claim.putObject("spec");
    claimSpec.putArray("accessModes").add("ReadWriteOnce");
    claimSpec.putObject("resources").putObject("requests").put("storage", "1Gi");
    create(manifest);
    cluster.advance(Duration.ofSeconds(30));

    List<ObjectNode> pvcs = cluster.store.list(claims, NAMESPACE, Selector.everything(), Selector.everything())
        .items();
    assertThat(pvcs).extracting(WorkloadCluster::name).containsExactlyInAnyOrder("data-db-0", "data-db-1",
        "data-db-2");
    assertThat(pvcs).allSatisfy(p -> {
      assertThat(Json.text(p, "metadata", "labels", "app")).isEqualTo("db");
      assertThat(Json.text(p, "spec", "resources", "requests", "storage")).isEqualTo("1Gi");
    });
    JsonNode volume = pod("db-2").path("spec").path("volumes").get(0);
    assertThat(volume.path("name").asString()).isEqualTo("data");
    assertThat(volume.path("persistentVolumeClaim").path("claimName").asString()).isEqualTo("data-db-2");

    deleted.clear();
    edit("db", s -> ((ObjectNode) s.get("spec")).put("replicas", 1));
    cluster.settle();
    // Pods without finalizers go at once, so db-1 follows db-2 in the same settle, highest ordinal first.
    assertThat(deleted).containsExactly("db-2", "db-1");
    assertThat(podNames("db")).containsExactly("db-0");
    assertThat(cluster.store.list(claims, NAMESPACE, Selector.everything(), Selector.everything()).items())
        .hasSize(3);
    assertThat(status(get("db"), "replicas")).isEqualTo(1);

    // Scaling up again reuses the kept claims.
    edit("db", s -> ((ObjectNode) s.get("spec")).put("replicas", 2));
    cluster.advance(Duration.ofSeconds(10));
    assertThat(podNames("db")).containsExactly("db-0", "db-1");
    assertThat(cluster.store.list(claims, NAMESPACE, Selector.everything(), Selector.everything()).items())
        .hasSize(3);
    assertThat(cluster.events("SuccessfulCreate")).anyMatch(m -> m.contains("create Claim data-db-0"));
    assertThat(name(get("db"))).isEqualTo("db");
  }

  @Test
  void orderedScaleDownWaitsForTheTerminatingPodBeforeTheNextOne() {
    ObjectNode manifest = statefulSet("web", 3, "nginx:1");
    Json.metadata((ObjectNode) manifest.path("spec").path("template")).putArray("finalizers").add("test/hold");
    create(manifest);
    cluster.advance(Duration.ofSeconds(30));
    assertThat(podNames("web")).containsExactly("web-0", "web-1", "web-2");

    edit("web", s -> ((ObjectNode) s.get("spec")).put("replicas", 1));
    cluster.advance(Duration.ofSeconds(30));
    assertThat(terminating("web")).as("one at a time, highest first").containsExactly("web-2");

    cluster.api.removeFinalizer(cluster.pods, NAMESPACE, "web-2", "test/hold");
    cluster.advance(Duration.ofSeconds(1));
    assertThat(terminating("web")).containsExactly("web-1");
    cluster.api.removeFinalizer(cluster.pods, NAMESPACE, "web-1", "test/hold");
    cluster.settle();
    assertThat(podNames("web")).containsExactly("web-0");
    assertThat(terminating("web")).isEmpty();
  }

  private List<String> terminating(String app) {
    return cluster.pods(app).stream().filter(PodState::deleting).map(WorkloadCluster::name).sorted().toList();
  }
}
