package dev.keelson.testkit.internal.controller.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small helpers: quantities, Go durations, back-off, behaviour precedence, image names, QoS classes. */
class UnitsTest {

  @Test
  void quantities() {
    assertThat(Quantities.milli(Json.NODES.stringNode("100m"))).isEqualTo(100);
    assertThat(Quantities.milli(Json.NODES.stringNode("1.5"))).isEqualTo(1500);
    assertThat(Quantities.milli(Json.NODES.numberNode(2))).isEqualTo(2000);
    assertThat(Quantities.units(Json.NODES.stringNode("128Mi"))).isEqualTo(128L << 20);
    assertThat(Quantities.units(Json.NODES.stringNode("1G"))).isEqualTo(1_000_000_000L);
    assertThat(Quantities.units(Json.NODES.stringNode("1e3"))).isEqualTo(1000);
  }

  @Test
  void goDurations() {
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(GoDuration.format(Duration.ofSeconds(80))).isEqualTo("1m20s");
    assertThat(GoDuration.format(Duration.ofSeconds(300))).isEqualTo("5m0s");
  }

  @Test
  void backoffDoublesToTheCapAndExpires() {
    Backoff b = new Backoff();
    java.time.Instant t = java.time.Instant.EPOCH;
    b.next(t);
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      b.next(t);
    }
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(300));
    b.next(t.plusSeconds(601));
    assertThat(b.current()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void behaviourPrecedence() {
    Behaviours b = new Behaviours();
    b.forPods("app=web").failReadiness();
    b.forImage("shop/api").oomAfter(Duration.ofSeconds(5));
    b.forImage("shop/api:2").crashLoop();
    assertThat(b.behaviourFor("shop/api:2", Map.of("app", "web"), false).exitCode()).isEqualTo(1);
    assertThat(b.behaviourFor("shop/api:3", Map.of("app", "web"), false).oomKilled()).isTrue();
    assertThat(b.behaviourFor("nginx", Map.of("app", "web"), false).neverReady()).isTrue();
    assertThat(b.behaviourFor("nginx", Map.of(), false)).isEqualTo(ContainerBehaviour.NORMAL);
    assertThat(b.behaviourFor("nginx", Map.of(), true).runFor()).isEqualTo(Duration.ZERO);
  }

  @Test
  void imageNames() {
    assertThat(ImageNames.normalize("nginx").full()).isEqualTo("docker.io/library/nginx:latest");
    assertThat(ImageNames.normalize("shop/api:2").full()).isEqualTo("docker.io/shop/api:2");
    assertThat(ImageNames.normalize("localhost:5000/app:1").repository()).isEqualTo("localhost:5000/app");
    assertThat(Behaviours.repository("ghcr.io/x/y@sha256:abc")).isEqualTo("ghcr.io/x/y");
  }

  @Test
  void qosClasses() {
    assertThat(QosClass.of(Json.parseObject("{\"containers\":[{\"name\":\"a\"}]}", false))).isEqualTo("BestEffort");
    assertThat(QosClass.of(Json.parseObject("{\"containers\":[{\"resources\":{\"limits\":{\"cpu\":\"1\","
        + "\"memory\":\"1Gi\"}}}]}", false))).isEqualTo("Guaranteed");
    assertThat(QosClass.of(Json.parseObject("{\"containers\":[{\"resources\":{\"requests\":{\"cpu\":\"1\"}}}]}",
        false))).isEqualTo("Burstable");
  }
}
