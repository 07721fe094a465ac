package dev.keelson.testkit.internal.controller.node;

import static dev.keelson.testkit.internal.controller.node.NodeHarness.condition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The compact Job controller driving scripted Job pods to completion or failure. */
class JobControllerTest {

  private final NodeHarness h = new NodeHarness();
  private final ResourceType jobs = h.api.type("batch/v1", "Job");

  @BeforeEach
  void node() {
    h.fleet().add("node-a");
  }

  @AfterEach
  void close() {
    h.close();
  }

  private void job(String name, String image, String extraSpec) {
    h.api.create(jobs, "default", Json.parseObject("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":"
        + "{\"name\":\"" + name + "\"},\"spec\":{" + extraSpec + "\"template\":{\"spec\":{\"restartPolicy\":\"Never\","
        + "\"containers\":[{\"name\":\"main\",\"image\":\"" + image + "\"}]}}}}", false), "test", false);
  }

  private JsonNode job(String name) {
    return h.store.get(jobs, "default", name);
  }

  @Test
  void completesAfterItsPodsSucceed() {
    h.behaviours().forImage("batch/report").exitAfter(Duration.ofSeconds(5), 0);
    job("report", "batch/report:1", "\"completions\":2,\"parallelism\":1,");
    h.idle();
    assertThat(job("report").path("status").path("active").asInt()).isEqualTo(1);
    h.advance(Duration.ofSeconds(5));
    assertThat(job("report").path("status").path("succeeded").asInt()).isEqualTo(1);
    h.advance(Duration.ofSeconds(5));
    JsonNode status = job("report").path("status");
    assertThat(status.path("succeeded").asInt()).isEqualTo(2);
    assertThat(status.path("active").asInt()).isZero();
    JsonNode complete = condition(job("report"), "Complete");
    assertThat(complete.path("reason").asString()).isEqualTo("CompletionsReached");
    assertThat(complete.path("message").asString()).isEqualTo("Reached expected number of succeeded pods");
    assertThat(status.path("completionTime").asString()).isEqualTo("2026-01-01T00:00:10Z");
    JsonNode pod = h.store.snapshot(h.podType, "default", Selector.parseLabels("batch.kubernetes.io/job-name=report"))
        .get(0);
    assertThat(pod.path("metadata").path("name").asString()).startsWith("report-");
  }

  @Test
  void failsAfterTheBackoffLimitWithBackOffBetweenPods() {
    h.behaviours().forImage("batch/broken").exitAfter(Duration.ZERO, 2);
    job("broken", "batch/broken:1", "\"backoffLimit\":1,");
    h.idle();
    assertThat(job("broken").path("status").path("failed").asInt()).isEqualTo(1);
    assertThat(condition(job("broken"), "Failed")).isNull();
    h.advance(Duration.ofSeconds(9));
    assertThat(job("broken").path("status").path("active").asInt()).isZero();
    h.advance(Duration.ofSeconds(1));
    JsonNode failed = condition(job("broken"), "Failed");
    assertThat(failed.path("reason").asString()).isEqualTo("BackoffLimitExceeded");
    assertThat(failed.path("message").asString()).isEqualTo("Job has reached the specified backoff limit");
    assertThat(job("broken").path("status").path("failed").asInt()).isEqualTo(2);
    assertThat(condition(job("broken"), "FailureTarget")).isNotNull();
  }

  @Test
  void activeDeadline() {
    job("slow", "sleepy", "\"activeDeadlineSeconds\":30,");
    h.idle();
    h.advance(Duration.ofSeconds(30));
    assertThat(condition(job("slow"), "Failed").path("reason").asString()).isEqualTo("DeadlineExceeded");
    assertThat(h.store.snapshot(h.podType, "default", Selector.everything())).isEmpty();
  }
}
