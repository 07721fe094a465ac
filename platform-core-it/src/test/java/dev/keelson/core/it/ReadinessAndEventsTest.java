package dev.keelson.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.apply.ApplyException;
import dev.keelson.core.apply.ApplyFinished;
import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectApplied;
import dev.keelson.core.events.AuditRecord;
import dev.keelson.core.events.EventBus;
import dev.keelson.core.events.JsonLinesEventSink;
import dev.keelson.core.events.KubernetesEventSink;
import dev.keelson.core.events.PlatformEvent;
import dev.keelson.core.events.Slf4jEventSink;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.testkit.SimulatedCluster;
import dev.keelson.testkit.SimulatedClusterTest;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Waiting for rollouts on the virtual clock, and what the events and audit trail of an apply contain. */
@SimulatedClusterTest
class ReadinessAndEventsTest {
  static final ApplySet SHOP = ApplySet.of("shop", "shop");

  /** Runs {@code apply} on another thread while this one moves the simulated cluster's clock. */
  static <T> T whileTimePasses(SimulatedCluster cluster, Supplier<T> apply) throws Exception {
    CompletableFuture<T> done = CompletableFuture.supplyAsync(apply);
    for (int step = 0; step < 1_000 && !done.isDone(); step++) {
      cluster.advance(Duration.ofSeconds(5));
      Thread.sleep(2);
    }
    try {
      return done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  static Applier waiting(KubernetesClient client, SimulatedCluster cluster, Duration timeout) {
    return Applier.on(client).clock(cluster.clock()).waitForReadiness(timeout)
        .pollInterval(Duration.ofMillis(5)).actor("ci@build-4711").reason("release 1.4.2").build();
  }

  @Test
  void waitsUntilTheDeploymentHasRolledOut(KubernetesClient client, SimulatedCluster cluster) throws Exception {
    Plan plan = Planner.on(client).applySet(SHOP).build().plan(ShopApp.objects(ShopApp.withIngress(
        "registry.example.com/shop/web:1.4.2")));

    ApplyResult result = whileTimePasses(cluster, () -> waiting(client, cluster, Duration.ofMinutes(5)).apply(plan));

    assertThat(result.succeeded()).isTrue();
    var web = client.apps().deployments().inNamespace("shop").withName("web").get();
    assertThat(web.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(web.getStatus().getUpdatedReplicas()).isEqualTo(3);
  }

  @Test
  void aCrashLoopingRolloutIsNotReadyNamingTheDeadline(KubernetesClient client, SimulatedCluster cluster) {
    cluster.script().forImage("registry.example.com/shop/web:1.4.2").crashLoop();
    cluster.script().forImage("registry.example.com/shop/web:1.4.3").crashLoop();
    Plan plan = Planner.on(client).applySet(SHOP).build().plan(ShopApp.objects(ShopApp.withIngress(
        "registry.example.com/shop/web:1.4.2")));

    assertThatThrownBy(() -> whileTimePasses(cluster, () -> waiting(client, cluster, Duration.ofMinutes(5))
        .apply(plan)))
        .isInstanceOfSatisfying(ApplyException.class, e -> {
          assertThat(e.result().failures()).extracting(o -> o.ref() + " " + o.status())
              .containsExactly("Deployment shop/web NOT_READY");
          assertThat(e.result().failures().get(0).error())
              .hasValue("not ready after PT5M: 0 of 3 updated replicas ready");
        });

    assertThatThrownBy(() -> whileTimePasses(cluster, () -> waiting(client, cluster, Duration.ofMinutes(30))
        .apply(Planner.on(client).applySet(SHOP).build().plan(ShopApp.objects(ShopApp.withIngress(
            "registry.example.com/shop/web:1.4.3"))))))
        .isInstanceOfSatisfying(ApplyException.class, e -> assertThat(e.result().failures().get(0).error())
            .hasValueSatisfying(m -> assertThat(m).startsWith("rollout exceeded its progress deadline")));
  }

  @Test
  void everyWriteIsAuditedAndAnnouncedWithoutSecretValues(KubernetesClient client, SimulatedCluster cluster) {
    EventBus bus = EventBus.create();
    List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    List<PlatformEvent> all = new CopyOnWriteArrayList<>();
    bus.subscribe(AuditRecord.class, audit::add);
    bus.subscribe(PlatformEvent.class, all::add);
    StringWriter jsonLines = new StringWriter();
    bus.addSink(JsonLinesEventSink.to(jsonLines));
    bus.addSink(new Slf4jEventSink());
    bus.addSink(new KubernetesEventSink(client, "it-runner"));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    PrintStream stdout = System.out;
    Plan plan;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      System.setOut(capture);
      plan = Planner.on(client).applySet(SHOP).build().plan(ShopApp.objects(ShopApp.withIngress(
          "registry.example.com/shop/web:1.4.2")));
      Applier.on(client).events(bus).clock(cluster.clock()).actor("ci@build-4711").reason("release 1.4.2")
          .build().apply(plan);
      capture.print(plan.toDiff());
      capture.print(plan.toJson());
      capture.print(plan);
      plan.changes().forEach(capture::print);
      all.forEach(capture::print);
    } finally {
      System.setErr(stderr);
      System.setOut(stdout);
    }

    assertThat(audit).hasSize(plan.writeCount());
    AuditRecord deployment = audit.stream().filter(a -> a.object().kind().equals("Deployment")).findFirst()
        .orElseThrow();
    assertThat(deployment.actor()).isEqualTo("ci@build-4711");
    assertThat(deployment.why()).isEqualTo("release 1.4.2");
    assertThat(deployment.action()).isEqualTo("create");
    assertThat(deployment.correlationId()).isEqualTo(plan.correlationId());
    assertThat(deployment.beforeDigest()).isEmpty();
    assertThat(deployment.afterDigest()).hasValueSatisfying(d -> assertThat(d).matches("sha256:[0-9a-f]{64}"));
    assertThat(all).filteredOn(ObjectApplied.class::isInstance).hasSize(plan.writeCount());
    assertThat(all).filteredOn(ApplyFinished.class::isInstance).hasSize(1);

    String base64 = java.util.Base64.getEncoder().encodeToString(ShopApp.DB_PASSWORD.getBytes(
        StandardCharsets.UTF_8));
    String everything = captured.toString(StandardCharsets.UTF_8) + jsonLines;
    assertThat(everything).contains("Secret shop/web-db").contains("***")
        .doesNotContain(ShopApp.DB_PASSWORD).doesNotContain(base64);

    List<Event> events = client.events().v1().events().inNamespace("shop").list().getItems();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.getRegarding().getKind()).isEqualTo("Deployment");
      assertThat(e.getRegarding().getName()).isEqualTo("web");
      assertThat(e.getReason()).isEqualTo("Created");
      assertThat(e.getReportingController()).isEqualTo(KubernetesEventSink.REPORTING_CONTROLLER);
      assertThat(e.getType()).isEqualTo("Normal");
    });
    assertThat(events).allSatisfy(e -> assertThat(e.getNote()).doesNotContain(ShopApp.DB_PASSWORD));

    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> lines = jsonLines.toString().lines().map(json::readTree).toList();
    assertThat(lines).hasSize(all.size());
    assertThat(lines).anySatisfy(l -> {
      assertThat(l.path("type").asString()).isEqualTo("AuditRecord");
      assertThat(l.path("correlationId").asString()).isEqualTo(plan.correlationId());
      assertThat(l.path("attributes").path("actor").asString()).isEqualTo("ci@build-4711");
    });
  }

  @Test
  void aSecretChangeIsShownMaskedAndAuditedWithoutItsValue(KubernetesClient client) {
    var secret = new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("creds")
        .withNamespace("default").endMetadata().addToStringData("token", "first-token-value").build();
    Applier.on(client).build().apply(Planner.on(client).build().plan(List.of(secret)));
    var changed = new io.fabric8.kubernetes.api.model.SecretBuilder(secret).withStringData(java.util.Map.of(
        "token", "second-token-value")).build();

    Plan plan = Planner.on(client).build().plan(List.of(changed));

    assertThat(plan.updates()).hasSize(1);
    assertThat(plan.updates().get(0).fields()).extracting(Object::toString)
        .containsExactly("~ data.token: *** (before) -> *** (after)");
    assertThat(plan.toDiff() + plan.toJson()).doesNotContain("first-token-value").doesNotContain("second-token")
        .doesNotContain(java.util.Base64.getEncoder().encodeToString("second-token-value".getBytes(
            StandardCharsets.UTF_8)));
    Applier.on(client).build().apply(plan);
    assertThat(Planner.on(client).build().plan(List.of(changed)).hasChanges())
        .as("stringData is compared as the data the server stores").isFalse();
    assertThat(Planner.on(client).build().plan(List.of(secret)).hasChanges()).isTrue();
  }
}
