package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.render.Manifests;
import dev.keelson.examples.cli.KeelsonCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KeelsonCheckTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final KeelsonCli cli = new KeelsonCli(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  private List<JsonNode> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void theSampleAppsRenderedYamlIsAllowed() throws IOException {
    write("app/sample.yaml", Manifests.toYaml(Keelson.renderer().render(SampleApp.app())));
    assertThat(cli.run("check", dir.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(7).allSatisfy(l -> {
      assertThat(l.get("allowed").asBoolean()).isTrue();
      assertThat(l.get("violations").isEmpty()).isTrue();
      assertThat(l.get("file").asString()).endsWith("sample.yaml");
    });
    assertThat(lines.get(2).get("kind").asString()).isEqualTo("Deployment");
    assertThat(lines.get(2).get("namespace").asString()).isEqualTo("shop");
    assertThat(lines.get(2).get("name").asString()).isEqualTo("web");
  }

  @Test
  void aViolationExitsOneWithTheRuleMessageAndPath() throws IOException {
    write("pod.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: ops}
        spec:
          hostNetwork: true
          containers:
          - {name: shell, image: "busybox:1.36"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: ops}
        data: {a: b}
        """);
    assertThat(cli.run("check", "--pss=baseline:v1.29", "--rules=pod-security", dir.resolve("pod.yaml").toString()))
        .isEqualTo(1);
    List<JsonNode> lines = lines();
    assertThat(lines).hasSize(2);
    JsonNode pod = lines.get(0);
    assertThat(pod.get("kind").asString()).isEqualTo("Pod");
    assertThat(pod.get("allowed").asBoolean()).isFalse();
    assertThat(pod.get("violations")).hasSize(1);
    assertThat(pod.get("violations").get(0).get("rule").asString()).isEqualTo("hostNamespaces");
    assertThat(pod.get("violations").get(0).get("message").asString()).isEqualTo("host namespaces (hostNetwork=true)");
    assertThat(pod.get("violations").get(0).get("path").asString()).isEqualTo("spec.hostNetwork");
    assertThat(lines.get(1).get("allowed").asBoolean()).isTrue();
  }

  @Test
  void bestPracticesRunByDefaultOverAllFilesTogether() throws IOException {
    write("deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          replicas: 1
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: registry.example.com/api:latest
                readinessProbe: {tcpSocket: {port: 8080}}
                resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}
                securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
                                  capabilities: {drop: [ALL]}}
        """);
    write("netpol.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: all, namespace: shop}
        spec: {podSelector: {}}
        """);
    assertThat(cli.run("check", dir.toString())).isEqualTo(1);
    JsonNode deploy = lines().get(0);
    assertThat(deploy.get("violations")).hasSize(1);
    assertThat(deploy.get("violations").get(0).get("rule").asString()).isEqualTo("image-tag");
    assertThat(deploy.get("violations").get(0).get("path").asString())
        .isEqualTo("spec.template.spec.containers[app].image");
  }

  @Test
  void invalidYamlExitsTwoNamingTheFile() throws IOException {
    Path bad = write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");
    assertThat(cli.run("check", bad.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("keelson check: " + bad + ": invalid input: ");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anUnreadableFileExitsTwoNamingTheFile() {
    Path missing = dir.resolve("missing.yaml");
    assertThat(cli.run("check", missing.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("keelson check: " + missing
        + ": cannot read: no such file\n");
  }

  @Test
  void badOptionsExitTwo() {
    assertThat(cli.run("check", "--pss=strict", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("pod security level \"strict\"");
    assertThat(cli.run("check", "--rules=nope", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown rule \"nope\"");
    assertThat(cli.run("check")).isEqualTo(2);
  }
}
