package dev.keelson.testkit.internal.controller.node;

import static dev.keelson.testkit.internal.controller.node.NodeHarness.condition;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.conditionTypes;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.container;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.pod;
import static dev.keelson.testkit.internal.controller.node.NodeHarness.podWithSpec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The kubelet: container states, back-offs, scripted behaviours, conditions and phases on the virtual clock. */
class KubeletTest {

  private final NodeHarness h = new NodeHarness();

  @BeforeEach
  void node() {
    h.fleet().add("node-a");
  }

  @AfterEach
  void close() {
    h.close();
  }

  private JsonNode app(String pod) {
    return container(h.pod(pod), "app");
  }

  @Test
  void runningPodHasTheKubeletsConditionsInOrder() {
    h.create(pod("web", "nginx:1.27"));
    h.idle();
    JsonNode pod = h.pod("web");
    assertThat(conditionTypes(pod)).containsExactly("PodReadyToStartContainers", "Initialized", "Ready",
        "ContainersReady", "PodScheduled");
    JsonNode app = app("web");
    assertThat(app.path("state").path("running").path("startedAt").asString()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(app.path("ready").asBoolean()).isTrue();
    assertThat(app.path("started").asBoolean()).isTrue();
    assertThat(app.path("restartCount").asInt()).isZero();
    assertThat(app.path("imageID").asString()).startsWith("docker.io/library/nginx@sha256:");
    assertThat(app.path("containerID").asString()).startsWith("containerd://");
    assertThat(app.path("lastState").isEmpty()).isTrue();
  }

  @Test
  void containerStatusesAreSortedByName() {
    h.create(podWithSpec("two", "\"containers\":[{\"name\":\"zeta\",\"image\":\"a\"},{\"name\":\"alpha\",\"image\":\"b\"}]"));
    h.idle();
    List<String> names = new ArrayList<>();
    h.pod("two").path("status").path("containerStatuses").forEach(c -> names.add(c.path("name").asString()));
    assertThat(names).containsExactly("alpha", "zeta");
  }

  @Test
  void crashLoopBacksOffTenTwentyFortySeconds() {
    h.behaviours().forImage("shop/api:2").crashLoop();
    h.create(pod("api", "shop/api:2"));
    h.idle();

    JsonNode app = app("api");
    assertThat(app.path("restartCount").asInt()).isEqualTo(1);
    assertThat(app.path("state").path("waiting").path("reason").asString()).isEqualTo("CrashLoopBackOff");
    String uid = h.pod("api").path("metadata").path("uid").asString();
    assertThat(app.path("state").path("waiting").path("message").asString())
        .isEqualTo("back-off 10s restarting failed container=app pod=api_default(" + uid + ")");
    JsonNode last = app.path("lastState").path("terminated");
    assertThat(last.path("reason").asString()).isEqualTo("Error");
    assertThat(last.path("exitCode").asInt()).isEqualTo(1);
    assertThat(h.pod("api").path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(condition(h.pod("api"), "Ready").path("message").asString())
        .isEqualTo("containers with unready status: [app]");

    h.advance(Duration.ofSeconds(9));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(1);
    h.advance(Duration.ofSeconds(1));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(2);
    assertThat(app("api").path("state").path("waiting").path("message").asString()).startsWith("back-off 20s ");
    h.advance(Duration.ofSeconds(20));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(3);
    h.advance(Duration.ofSeconds(39));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(3);
    h.advance(Duration.ofSeconds(1));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(4);
    h.advance(Duration.ofMinutes(30));
    assertThat(app("api").path("state").path("waiting").path("message").asString()).startsWith("back-off 5m0s ");
  }

  @Test
  void crashLoopWithRunTimeShowsRunningBetweenCrashes() {
    h.behaviours().forImage("shop/api").crashLoop(Duration.ofSeconds(5));
    h.create(pod("api", "shop/api:7"));
    h.idle();
    assertThat(app("api").path("state").has("running")).isTrue();
    h.advance(Duration.ofSeconds(5));
    assertThat(app("api").path("restartCount").asInt()).isEqualTo(1);
    assertThat(app("api").path("state").has("running")).isTrue();
    h.advance(Duration.ofSeconds(5));
    assertThat(app("api").path("state").path("waiting").path("reason").asString()).isEqualTo("CrashLoopBackOff");
    assertThat(app("api").path("lastState").path("terminated").path("startedAt").asString())
        .isEqualTo("2026-01-01T00:00:05Z");
  }

  @Test
  void oomKilledWithExitCode137() {
    h.behaviours().forImage("worker").oomAfter(Duration.ofMinutes(1));
    h.create(pod("w", "worker:3"));
    h.idle();
    assertThat(app("w").path("ready").asBoolean()).isTrue();
    h.advance(Duration.ofMinutes(1));
    JsonNode last = app("w").path("lastState").path("terminated");
    assertThat(last.path("reason").asString()).isEqualTo("OOMKilled");
    assertThat(last.path("exitCode").asInt()).isEqualTo(137);
    assertThat(app("w").path("restartCount").asInt()).isEqualTo(1);
    assertThat(app("w").path("state").has("running")).isTrue();
    h.advance(Duration.ofMinutes(1));
    assertThat(app("w").path("state").path("waiting").path("reason").asString()).isEqualTo("CrashLoopBackOff");
  }

  @Test
  void missingImageErrImagePullThenImagePullBackOff() {
    h.behaviours().forImage("ghost:1").missingImage();
    h.create(pod("g", "ghost:1"));
    h.idle();
    JsonNode waiting = app("g").path("state").path("waiting");
    assertThat(waiting.path("reason").asString()).isEqualTo("ErrImagePull");
    assertThat(waiting.path("message").asString()).isEqualTo("rpc error: code = NotFound desc = failed to pull and "
        + "unpack image \"docker.io/library/ghost:1\": failed to resolve reference \"docker.io/library/ghost:1\": "
        + "docker.io/library/ghost:1: not found");
    assertThat(h.pod("g").path("status").path("phase").asString()).isEqualTo("Pending");
    assertThat(app("g").path("imageID").asString()).isEmpty();

    h.advance(Duration.ofSeconds(1));
    waiting = app("g").path("state").path("waiting");
    assertThat(waiting.path("reason").asString()).isEqualTo("ImagePullBackOff");
    assertThat(waiting.path("message").asString()).isEqualTo("Back-off pulling image \"ghost:1\"");
    h.advance(Duration.ofSeconds(9));
    assertThat(app("g").path("state").path("waiting").path("reason").asString()).isEqualTo("ErrImagePull");
    h.advance(Duration.ofSeconds(1));
    assertThat(app("g").path("state").path("waiting").path("reason").asString()).isEqualTo("ImagePullBackOff");
    assertThat(app("g").path("restartCount").asInt()).isZero();

    h.behaviours().forImage("ghost:1").normal();
    h.advance(Duration.ofSeconds(19));
    assertThat(app("g").path("state").has("running")).isTrue();
  }

  @Test
  void failReadinessRunsButIsNeverReady() {
    h.behaviours().forPods("app=sad").failReadiness();
    h.create(pod("sad", "nginx"));
    h.idle();
    h.advance(Duration.ofMinutes(5));
    JsonNode pod = h.pod("sad");
    assertThat(pod.path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(app("sad").path("state").has("running")).isTrue();
    assertThat(app("sad").path("ready").asBoolean()).isFalse();
    JsonNode ready = condition(pod, "Ready");
    assertThat(ready.path("status").asString()).isEqualTo("False");
    assertThat(ready.path("reason").asString()).isEqualTo("ContainersNotReady");
    assertThat(ready.path("message").asString()).isEqualTo("containers with unready status: [app]");
    assertThat(condition(pod, "ContainersReady").path("message").asString())
        .isEqualTo("containers with unready status: [app]");
  }

  @Test
  void slowStartAndReadinessProbeDelay() {
    h.behaviours().forImage("slow").slowStart(Duration.ofSeconds(25));
    h.create(pod("slow", "slow"));
    h.create(podWithSpec("probed", "\"containers\":[{\"name\":\"app\",\"image\":\"x\",\"readinessProbe\":"
        + "{\"httpGet\":{\"path\":\"/\",\"port\":80},\"initialDelaySeconds\":15}}]"));
    h.create(podWithSpec("both", "\"containers\":[{\"name\":\"app\",\"image\":\"slow\",\"readinessProbe\":"
        + "{\"httpGet\":{\"path\":\"/\",\"port\":80},\"initialDelaySeconds\":2,\"periodSeconds\":10}}]"));
    h.idle();
    assertThat(h.pod("slow").path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(app("slow").path("ready").asBoolean()).isFalse();
    assertThat(app("probed").path("ready").asBoolean()).isFalse();

    h.advance(Duration.ofSeconds(15));
    assertThat(app("probed").path("ready").asBoolean()).isTrue();
    assertThat(condition(h.pod("probed"), "Ready").path("lastTransitionTime").asString())
        .isEqualTo("2026-01-01T00:00:15Z");
    assertThat(app("slow").path("ready").asBoolean()).isFalse();
    h.advance(Duration.ofSeconds(10));
    assertThat(app("slow").path("ready").asBoolean()).isTrue();
    assertThat(app("both").path("ready").asBoolean()).isFalse();
    h.advance(Duration.ofSeconds(6));
    assertThat(app("both").path("ready").asBoolean()).isFalse();
    h.advance(Duration.ofSeconds(1));
    assertThat(app("both").path("ready").asBoolean()).isTrue();
  }

  @Test
  void jobPodsCompleteOrFailPerRestartPolicy() {
    h.behaviours().forImage("job:ok").exitAfter(Duration.ofSeconds(30), 0);
    h.behaviours().forImage("job:bad").exitAfter(Duration.ofSeconds(5), 3);
    h.create(pod("ok", "job:ok", "\"restartPolicy\":\"Never\""));
    h.create(pod("bad", "job:bad", "\"restartPolicy\":\"Never\""));
    h.create(pod("retry", "job:bad", "\"restartPolicy\":\"OnFailure\""));
    h.idle();
    h.advance(Duration.ofSeconds(30));

    JsonNode ok = h.pod("ok");
    assertThat(ok.path("status").path("phase").asString()).isEqualTo("Succeeded");
    JsonNode term = app("ok").path("state").path("terminated");
    assertThat(term.path("reason").asString()).isEqualTo("Completed");
    assertThat(term.path("exitCode").asInt()).isZero();
    assertThat(term.path("finishedAt").asString()).isEqualTo("2026-01-01T00:00:30Z");
    assertThat(condition(ok, "Ready").path("reason").asString()).isEqualTo("PodCompleted");
    assertThat(condition(ok, "Initialized").path("reason").asString()).isEqualTo("PodCompleted");
    assertThat(condition(ok, "PodReadyToStartContainers").path("status").asString()).isEqualTo("False");

    assertThat(h.pod("bad").path("status").path("phase").asString()).isEqualTo("Failed");
    assertThat(app("bad").path("state").path("terminated").path("reason").asString()).isEqualTo("Error");
    assertThat(app("bad").path("restartCount").asInt()).isZero();
    assertThat(condition(h.pod("bad"), "Ready").path("reason").asString()).isEqualTo("PodFailed");

    assertThat(h.pod("retry").path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(app("retry").path("restartCount").asInt()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void initContainersRunFirst() {
    h.behaviours().forImage("migrate").exitAfter(Duration.ofSeconds(20), 0);
    h.create(podWithSpec("init", "\"initContainers\":[{\"name\":\"migrate\",\"image\":\"migrate\"},"
        + "{\"name\":\"warm\",\"image\":\"busybox\"}],\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]"));
    h.idle();
    JsonNode pod = h.pod("init");
    assertThat(pod.path("status").path("phase").asString()).isEqualTo("Pending");
    JsonNode initialized = condition(pod, "Initialized");
    assertThat(initialized.path("reason").asString()).isEqualTo("ContainersNotInitialized");
    assertThat(initialized.path("message").asString()).isEqualTo("containers with incomplete status: [migrate warm]");
    assertThat(app("init").path("state").path("waiting").path("reason").asString()).isEqualTo("PodInitializing");

    h.advance(Duration.ofSeconds(20));
    pod = h.pod("init");
    assertThat(pod.path("status").path("phase").asString()).isEqualTo("Running");
    assertThat(condition(pod, "Initialized").path("status").asString()).isEqualTo("True");
    assertThat(pod.path("status").path("initContainerStatuses").get(0).path("state").path("terminated")
        .path("reason").asString()).isEqualTo("Completed");
    assertThat(app("init").path("state").path("running").path("startedAt").asString())
        .isEqualTo("2026-01-01T00:00:20Z");
  }

  @Test
  void deletionWithAFinalizerStopsContainers() {
    h.create(pod("fin", "nginx").put("kind", "Pod"));
    h.idle();
    var stored = h.pod("fin");
    stored.withObject("metadata").putArray("finalizers").add("example.com/hold");
    h.api.update(h.podType, "default", stored, "test", false);
    h.api.delete(h.podType, "default", "fin", null, false);
    h.idle();
    JsonNode pod = h.pod("fin");
    assertThat(pod.path("status").path("phase").asString()).isEqualTo("Succeeded");
    assertThat(app("fin").path("state").path("terminated").path("reason").asString()).isEqualTo("Completed");
  }

  @Test
  void readinessGates() {
    h.create(pod("gated", "nginx", "\"readinessGates\":[{\"conditionType\":\"example.com/lb\"}]"));
    h.idle();
    JsonNode ready = condition(h.pod("gated"), "Ready");
    assertThat(ready.path("reason").asString()).isEqualTo("ReadinessGatesNotReady");
    assertThat(ready.path("message").asString())
        .isEqualTo("corresponding condition of pod readiness gate \"example.com/lb\" does not exist.");
    assertThat(condition(h.pod("gated"), "ContainersReady").path("status").asString()).isEqualTo("True");
  }
}
