package dev.keelson.testkit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Writes answer with copies, or with the stored version itself for callers that only read the answer. */
class ApiServerAnswersTest {

  private final ObjectStore store = new ObjectStore(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
      ZoneOffset.UTC), 1L);
  private final ApiServer api = new ApiServer(new ResourceTypes(), store);
  private final ResourceType deployments = api.type("apps/v1", "Deployment");

  private static ObjectNode deployment(int replicas) {
    return Json.parseObject("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
        + "\"spec\":{\"replicas\":" + replicas + "}}", false);
  }

  @Test
  void storedAnswersAreTheStoredVersionsAndCopiesAreNot() {
    ObjectNode created = api.createStored(deployments, "default", deployment(1), "kubectl", false);
    assertThat(created).isSameAs(store.stored(deployments, "default", "web"));

    ObjectNode updated = api.update(deployments, "default", deployment(2), "kubectl", false);
    assertThat(updated).isEqualTo(store.stored(deployments, "default", "web"))
        .isNotSameAs(store.stored(deployments, "default", "web"));

    ObjectNode status = deployment(2);
    status.putObject("status").put("replicas", 2);
    ObjectNode written = api.updateStatusStored(deployments, "default", status, "kube-controller-manager", false);
    assertThat(written).isSameAs(store.stored(deployments, "default", "web"));
    assertThat(written.at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(written.at("/metadata/managedFields").size()).isEqualTo(2);
  }

  @Test
  void aStatusWriteKeepsTheStoredSpecAndDoesNotKeepTheCallersStatus() {
    api.createStored(deployments, "default", deployment(1), "kubectl", false);
    ObjectNode before = store.stored(deployments, "default", "web");
    ObjectNode status = deployment(1);
    status.putObject("status").put("replicas", 1);

    ObjectNode written = api.updateStatusStored(deployments, "default", status, "kube-controller-manager", false);
    ((ObjectNode) status.get("status")).put("replicas", 7);

    assertThat(written.get("spec")).isSameAs(before.get("spec"));
    assertThat(written.at("/status/replicas").asInt()).isEqualTo(1);
  }
}
