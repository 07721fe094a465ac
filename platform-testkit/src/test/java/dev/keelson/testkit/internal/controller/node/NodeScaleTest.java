package dev.keelson.testkit.internal.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.Selector;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Many pods across many nodes are all scheduled and made Ready. (Timing lives in benchmarks/ClusterBenchmark.)
 */
class NodeScaleTest {

  @Test
  void threeHundredPodsOnTwentyNodes() {
    try (NodeHarness h = new NodeHarness()) {
      for (int i = 0; i < 20; i++) {
        h.fleet().add(NodeSpec.named(String.format("node-%02d", i)).cpu("64").memory("256Gi").pods(250)
            .zone("zone-" + (i % 3)));
      }
      h.idle();
      ObjectNode template = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":"
          + "{\"app\":\"x\"}},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\",\"resources\":"
          + "{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}},\"readinessProbe\":{\"httpGet\":{\"path\":\"/\","
          + "\"port\":8080}}}]}}", false);
      for (int d = 0; d < 100; d++) {
        for (int r = 0; r < 3; r++) {
          ObjectNode pod = template.deepCopy();
          Json.metadata(pod).put("name", "deploy-" + d + "-" + r);
          Json.metadata(pod).withObject("labels").put("app", "deploy-" + d);
          h.create(pod);
        }
        if (d % 50 == 49) {
          h.idle();
        }
      }
      h.idle();
      h.advance(Duration.ofSeconds(10));
      long ready = h.store.snapshot(h.podType, "default", Selector.everything()).stream()
          .filter(p -> "True".equals(NodeHarness.condition(p, "Ready").path("status").asString(""))).count();
      assertThat(ready).isEqualTo(300);
    }
  }
}
