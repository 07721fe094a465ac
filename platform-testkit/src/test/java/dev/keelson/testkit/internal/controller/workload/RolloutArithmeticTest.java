package dev.keelson.testkit.internal.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RolloutArithmeticTest {

  private static DeploymentParameters params(int replicas, String surge, String unavailable) {
    ObjectNode d = WorkloadCluster.deployment("web", replicas, "nginx");
    ObjectNode rolling = ((ObjectNode) d.get("spec")).putObject("strategy").putObject("rollingUpdate");
    for (String[] f : new String[][] {{"maxSurge", surge}, {"maxUnavailable", unavailable}}) {
      if (f[1].isEmpty()) {
        continue;
      }
      if (f[1].endsWith("%")) {
        rolling.put(f[0], f[1]);
      } else {
        rolling.put(f[0], Integer.parseInt(f[1]));
      }
    }
    return DeploymentParameters.of(d);
  }

  @ParameterizedTest
  @CsvSource({
      "10, 25%, 25%, 3, 2",
      "1, 25%, 25%, 1, 0",
      "3, 25%, 25%, 1, 0",
      "4, 25%, 25%, 1, 1",
      "10, , , 3, 2",
      "10, 0, 0, 0, 1",
      "5, 0%, 10%, 0, 1",
      "3, 1, 5, 1, 3",
      "0, 25%, 25%, 0, 0"})
  void fencepostsRoundSurgeUpAndUnavailabilityDown(int replicas, String surge, String unavailable, int maxSurge,
      int maxUnavailable) {
    DeploymentParameters p = params(replicas, surge == null ? "" : surge, unavailable == null ? "" : unavailable);
    assertThat(p.maxSurge()).isEqualTo(maxSurge);
    assertThat(p.maxUnavailable()).isEqualTo(maxUnavailable);
    assertThat(p.minAvailable()).isEqualTo(replicas - maxUnavailable);
  }

  @Test
  void defaultsApplyToAbsentFields() {
    ObjectNode d = Json.object();
    d.putObject("spec");
    DeploymentParameters p = DeploymentParameters.of(d);
    assertThat(p.replicas()).isEqualTo(1);
    assertThat(p.rollingUpdate()).isTrue();
    assertThat(p.revisionHistoryLimit()).isEqualTo(10);
    assertThat(p.progressDeadlineSeconds()).isEqualTo(600);
    assertThat(p.minReadySeconds()).isZero();
    assertThat(p.paused()).isFalse();

    ((ObjectNode) d.get("spec")).put("progressDeadlineSeconds", Integer.MAX_VALUE)
        .put("revisionHistoryLimit", Integer.MAX_VALUE).putObject("strategy").put("type", "Recreate");
    p = DeploymentParameters.of(d);
    assertThat(p.hasProgressDeadline()).isFalse();
    assertThat(p.revisionHistoryLimit()).isNull();
    assertThat(p.maxSurge()).isZero();
    assertThat(p.minAvailable()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
      // replicas, surge, current total, new size -> new size
      "10, 3, 10, 0, 3",
      "10, 3, 13, 3, 3",
      "10, 3, 11, 3, 5",
      "10, 3, 4, 2, 10",
      "3, 1, 3, 0, 1"})
  void newReplicaSetGrowsWithinTheSurge(int replicas, int surge, int current, int size, int expected) {
    DeploymentParameters p = params(replicas, Integer.toString(surge), "0");
    assertThat(RolloutMath.newReplicaSetReplicas(p, current, size)).isEqualTo(expected);
  }

  @Test
  void proportionsRoundHalfAwayFromZero() {
    DeploymentParameters twenty = params(20, "25%", "25%");
    assertThat(RolloutMath.fraction(8, 13, twenty, 0)).isEqualTo(7);
    assertThat(RolloutMath.fraction(5, 13, twenty, 0)).isEqualTo(5);
    assertThat(RolloutMath.fraction(5, null, twenty, 10)).isEqualTo(8);
    assertThat(RolloutMath.fraction(4, 13, params(0, "25%", "25%"), 0)).isEqualTo(-4);
    assertThat(RolloutMath.roundHalfAwayFromZero(2.5)).isEqualTo(3);
    assertThat(RolloutMath.roundHalfAwayFromZero(-2.5)).isEqualTo(-3);
  }

  @Test
  void podTemplateHashIsStableAndSafeEncoded() {
    ObjectNode template = (ObjectNode) WorkloadCluster.deployment("web", 1, "nginx:1").path("spec").path("template");
    String hash = PodTemplateHash.compute(template, null);
    assertThat(hash).matches("[4-9bcdf]{1,10}");
    assertThat(PodTemplateHash.compute(template.deepCopy(), null)).isEqualTo(hash);
    assertThat(PodTemplateHash.compute(template, 0)).isNotEqualTo(hash);
    assertThat(PodTemplateHash.compute(template, 1)).isNotEqualTo(PodTemplateHash.compute(template, 0));
    ObjectNode other = template.deepCopy();
    ((ObjectNode) other.path("spec").path("containers").get(0)).put("image", "nginx:2");
    assertThat(PodTemplateHash.compute(other, null)).isNotEqualTo(hash);
    assertThat(PodTemplateHash.safeEncode("0123456789")).isEqualTo("456789bcdf");
  }

  @Test
  void templatesCompareIgnoringTheHashLabelAndEmptyValues() {
    ObjectNode a = (ObjectNode) WorkloadCluster.deployment("web", 1, "nginx:1").path("spec").path("template");
    ObjectNode b = a.deepCopy();
    ((ObjectNode) b.path("metadata").path("labels")).put("pod-template-hash", "abc");
    ((ObjectNode) b.get("metadata")).putObject("annotations");
    ((ObjectNode) b.get("spec")).putArray("volumes");
    assertThat(TemplateEquality.equalIgnoringHash(a, b)).isTrue();
    ((ObjectNode) b.path("metadata").path("labels")).put("tier", "web");
    assertThat(TemplateEquality.equalIgnoringHash(a, b)).isFalse();
  }
}
