package dev.keelson.testkit;

import static dev.keelson.testkit.assertions.KeelsonAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Events the kubelet, the scheduler and the controllers record, as {@code kubectl describe} shows them. */
@SimulatedClusterTest
class EventsTest {

  static PodBuilder pod(String name, String image) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", name)
        .endMetadata().withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec();
  }

  static Pod withProbe(String name, String image, Probe probe) {
    Pod p = pod(name, image).build();
    p.getSpec().getContainers().get(0).setReadinessProbe(probe);
    return p;
  }

  static List<Event> events(KubernetesClient client, String kind, String name) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  static Event event(KubernetesClient client, String pod, String reason) {
    List<Event> found = events(client, "Pod", pod).stream().filter(e -> reason.equals(e.getReason())).toList();
    assertThat(found).as("%s events of pod %s", reason, pod).hasSize(1);
    return found.get(0);
  }

  @Test
  void aStartingPodIsScheduledPulledCreatedAndStarted(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(pod("web", "nginx:1.27").build()).create();
    cluster.awaitIdle();
    String node = client.pods().inNamespace("default").withName("web").get().getSpec().getNodeName();

    var events = assertThat(cluster).events("default").about("Pod", "web");
    assertThat(events.reasons()).containsExactly("Scheduled", "Pulling", "Pulled", "Created", "Started");
    events.containMessage("Scheduled", "Successfully assigned default/web to " + node)
        .containMessage("Pulling", "Pulling image \"nginx:1.27\"")
        .containMessage("Pulled", "Successfully pulled image \"nginx:1.27\" in 0s (0s including waiting). "
            + "Image size: 0 bytes.")
        .containMessage("Created", "Container created")
        .containMessage("Started", "Container started");
    Event started = event(client, "web", "Started");
    assertThat(started.getType()).isEqualTo("Normal");
    assertThat(started.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
    assertThat(started.getSource().getComponent()).isEqualTo("kubelet");
    assertThat(started.getSource().getHost()).isEqualTo(node);
    assertThat(event(client, "web", "Scheduled").getSource().getComponent()).isEqualTo("default-scheduler");

    // The image is on that node now: IfNotPresent does not pull it again there.
    Pod second = pod("web-2", "nginx:1.27").build();
    second.getSpec().setNodeName(node);
    client.resource(second).create();
    cluster.awaitIdle();
    assertThat(cluster).events("default").about("Pod", "web-2").withReason("Pulled")
        .containMessage("Pulled", "Container image \"nginx:1.27\" already present on machine and can be accessed "
            + "by the pod")
        .haveCount(1);
    assertThat(cluster).events("default").about("Pod", "web-2").withReason("Pulling").areEmpty();
  }

  @Test
  void aCrashLoopIsOneBackOffEventWhoseCountGrows(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/api:2").crashLoop();
    client.resource(pod("api", "shop/api:2").build()).create();
    cluster.awaitIdle();
    String uid = client.pods().inNamespace("default").withName("api").get().getMetadata().getUid();
    // Started twice at once, then back-offs of 10, 20 and 40 s: starts at 0, 0, 10, 30 and 70 s.
    cluster.advance(Duration.ofSeconds(75));

    var backOff = assertThat(cluster).events("default").about("Pod", "api").withReason("BackOff");
    backOff.haveCount(1).haveTotalCount(4).containMessage("BackOff",
        "Back-off restarting failed container app in pod api_default(" + uid + ")");
    assertThat(cluster).events("default").about("Pod", "api").withReason("Started").haveCount(1)
        .haveTotalCount(5);
    assertThat(cluster).events("default").about("Pod", "api").withReason("Pulled").haveTotalCount(5);
    Event event = event(client, "api", "BackOff");
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(event.getLastTimestamp()).isEqualTo("2026-01-01T00:01:10Z");
  }

  @Test
  void aMissingImageFailsToPullThenBacksOff(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/ghost:1").missingImage();
    client.resource(pod("ghost", "shop/ghost:1").build()).create();
    cluster.advance(Duration.ofSeconds(5));

    var events = assertThat(cluster).events("default").about("Pod", "ghost");
    assertThat(events.reasons()).containsSubsequence("Scheduled", "Pulling", "Failed", "Failed", "BackOff",
        "Failed");
    events.containMessage("Failed", "Error: ErrImagePull")
        .containMessage("BackOff", "Back-off pulling image \"shop/ghost:1\"")
        .containMessage("Failed", "Error: ImagePullBackOff");
    assertThat(events(client, "Pod", "ghost")).anySatisfy(e -> assertThat(e.getMessage())
        .startsWith("Failed to pull image \"shop/ghost:1\": rpc error: code = NotFound"));
    assertThat(cluster).events("default").about("Pod", "ghost").withReason("Started").areEmpty();
  }

  @Test
  void aFailingReadinessProbeIsUnhealthyOncePerPeriod(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/sick:1").failReadiness();
    Probe http = new ProbeBuilder().withNewHttpGet().withPath("/ready").withPort(new IntOrString(8080)).endHttpGet()
        .withInitialDelaySeconds(5).withPeriodSeconds(10).build();
    client.resource(withProbe("sick", "shop/sick:1", http)).create();
    cluster.advance(Duration.ofSeconds(60));

    // Probes at 5, 15, 25, 35, 45 and 55 s all fail.
    assertThat(cluster).events("default").about("Pod", "sick").withReason("Unhealthy").haveCount(1)
        .haveTotalCount(6)
        .containMessage("Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 503");
  }

  @Test
  void aSlowStarterFailsItsProbesUntilItIsReady(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("shop/slow:1").slowStart(Duration.ofSeconds(30));
    Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(5432)).endTcpSocket()
        .withPeriodSeconds(10).build();
    client.resource(withProbe("slow", "shop/slow:1", tcp)).create();
    cluster.advance(Duration.ofMinutes(2));

    Pod pod = client.pods().inNamespace("default").withName("slow").get();
    assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
    // Probes at 0, 10 and 20 s fail; the one at 30 s succeeds and no more are recorded.
    Event unhealthy = event(client, "slow", "Unhealthy");
    assertThat(unhealthy.getCount()).isEqualTo(3);
    assertThat(unhealthy.getMessage()).isEqualTo("Readiness probe failed: dial tcp " + pod.getStatus().getPodIP()
        + ":5432: connect: connection refused");
    assertThat(unhealthy.getLastTimestamp()).isEqualTo("2026-01-01T00:00:20Z");
  }

  @Test
  void deletingAPodStopsItsContainers(KubernetesClient client, SimulatedCluster cluster) {
    client.resource(pod("web", "nginx:1.27").build()).create();
    cluster.awaitIdle();
    client.pods().inNamespace("default").withName("web").delete();
    cluster.awaitIdle();
    assertThat(cluster).events("default").about("Pod", "web").containMessage("Killing", "Stopping container app");
  }

  @Test
  void anUnschedulablePodGetsFailedScheduling(KubernetesClient client, SimulatedCluster cluster) {
    Pod big = pod("big", "nginx:1.27").build();
    big.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100")).build());
    client.resource(big).create();
    cluster.awaitIdle();

    Event failed = event(client, "big", "FailedScheduling");
    assertThat(failed.getType()).isEqualTo("Warning");
    String condition = client.pods().inNamespace("default").withName("big").get().getStatus().getConditions()
        .stream().filter(c -> c.getType().equals("PodScheduled")).findFirst().orElseThrow().getMessage();
    assertThat(failed.getMessage()).isEqualTo(condition).startsWith("0/3 nodes are available: 3 Insufficient cpu.");

    // A node joins, still too small: the next attempt fails with another message, so another Event.
    cluster.nodes().add("node-d", "4", "16Gi", "zone-a");
    cluster.awaitIdle();
    assertThat(cluster).events("default").about("Pod", "big").withReason("FailedScheduling").haveCount(2)
        .containMessage("FailedScheduling", failed.getMessage().replace("0/3", "0/4").replace(": 3 ", ": 4 "));
  }

  @Test
  void aLostNodeMarksItsPodsNotReadyThenEvictsThem(KubernetesClient client, SimulatedCluster cluster) {
    Pod pinned = pod("pinned", "nginx:1.27").build();
    pinned.getSpec().setNodeName("node-a");
    client.resource(pinned).create();
    cluster.awaitIdle();

    cluster.nodes().notReady("node-a");
    cluster.advance(Duration.ofSeconds(10));
    assertThat(cluster).events("default").about("Pod", "pinned").warnings()
        .containMessage("NodeNotReady", "Node is not ready");
    assertThat(cluster).events("default").about("Node", "node-a")
        .containMessage("NodeNotReady", "Node node-a status is now: NodeNotReady");

    cluster.advance(Duration.ofMinutes(6));
    assertThat(cluster).events("default").about("Pod", "pinned")
        .containMessage("TaintManagerEviction", "Marking for deletion Pod default/pinned");
  }

  @Test
  void jobsAndCronJobsTellWhatTheyCreatedAndHowItEnded(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("report:1").exitAfter(Duration.ofSeconds(30), 0);
    cluster.script().forImage("broken:1").exitAfter(Duration.ofSeconds(1), 2);
    client.resource(CronJobTest.report("*/5 * * * *", "Forbid", "report:1")).create();
    client.resource(new JobBuilder().withNewMetadata().withName("migrate").withNamespace("default").endMetadata()
        .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
        .addNewContainer().withName("migrate").withImage("broken:1").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    cluster.advance(Duration.ofMinutes(6));

    String job = "report-" + (SimulatedCluster.DEFAULT_START.getEpochSecond() / 60 + 5);
    assertThat(cluster).events("default").about("CronJob", "report")
        .containMessage("SuccessfulCreate", "Created job " + job)
        .containMessage("SawCompletedJob", "Saw completed job: " + job + ", status: Complete");
    var jobEvents = assertThat(cluster).events("default").about("Job", job);
    assertThat(jobEvents.reasons()).containsExactly("SuccessfulCreate", "Completed");
    jobEvents.containMessage("Completed", "Job completed");
    assertThat(cluster).events("default").about("Job", "migrate").warnings()
        .containMessage("BackoffLimitExceeded", "Job has reached the specified backoff limit");
  }
}
