package dev.keelson.testkit.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** ResourceQuota admission and the resource-quota controller against upstream messages and counting rules. */
class ResourceQuotaAdmissionTest {

  private static final String CPU_500M =
      "'requests':{'cpu':'500m','memory':'64Mi'},'limits':{'cpu':'1','memory':'128Mi'}";

  @Test
  void podOverQuotaIsForbiddenWithExactMessage() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("compute", "'requests.cpu':'2','pods':'10'");
    h.createPod("a", "'requests':{'cpu':'1500m'}");
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1500m");
    assertThat(h.used("compute", "pods")).isEqualTo("1");

    assertThatThrownBy(() -> h.createPod("b", "'requests':{'cpu':'1'}"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(403);
          assertThat(e.reason()).isEqualTo("Forbidden");
          assertThat(e.getMessage()).isEqualTo("pods \"b\" is forbidden: exceeded quota: compute, requested: "
              + "requests.cpu=1, used: requests.cpu=1500m, limited: requests.cpu=2");
          assertThat(e.toStatus().path("details").path("kind").asString()).isEqualTo("pods");
        });
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1500m");
    h.createPod("c", "'requests':{'cpu':'500m'}");
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("2");
  }

  @Test
  void generatedNameAppearsInMessageAndSeveralResourcesAreSorted() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("q", "'pods':'1','requests.memory':'100Mi','requests.cpu':'10'");
    h.createPod("first", "'requests':{'cpu':'100m','memory':'64Mi'}");
    ObjectNode pod = AdmissionHarness.pod("ignored", "'requests':{'cpu':'100m','memory':'64Mi'}");
    Json.metadata(pod).remove("name");
    Json.metadata(pod).put("generateName", "web-");
    assertThatThrownBy(() -> h.api.create(h.pods, "default", pod, "test", false))
        .hasMessageMatching("pods \"web-[a-z0-9]{5}\" is forbidden: exceeded quota: q, requested: "
            + "pods=1,requests.memory=64Mi, used: pods=1,requests.memory=64Mi, limited: pods=1,requests.memory=100Mi");
  }

  @Test
  void mustSpecifyWhenQuotaTracksCpuAndMemory() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("compute", "'limits.cpu':'4','limits.memory':'1Gi','requests.cpu':'2'");
    assertThatThrownBy(() -> h.createPod("bare", ""))
        .hasMessage("pods \"bare\" is forbidden: failed quota: compute: must specify "
            + "limits.cpu,limits.memory,requests.cpu");
    // A limit alone also sets the request (API defaulting).
    assertThatThrownBy(() -> h.createPod("half", "'limits':{'cpu':'1'}"))
        .hasMessage("pods \"half\" is forbidden: failed quota: compute: must specify limits.memory");
    h.createPod("full", "'limits':{'cpu':'1','memory':'256Mi'}");
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1");
    assertThat(h.used("compute", "limits.memory")).isEqualTo("256Mi");
  }

  @Test
  void deletingPodFreesQuotaAfterControllerRuns() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("compute", "'requests.cpu':'1','pods':'2','count/pods':'5'");
    h.manager.runUntilIdle();
    assertThat(h.store.require(h.quotas, "default", "compute").path("status").path("hard").path("pods").asString())
        .isEqualTo("2");
    assertThat(h.used("compute", "pods")).isEqualTo("0");
    h.createPod("a", CPU_500M);
    h.createPod("b", CPU_500M);
    h.manager.runUntilIdle();
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1");
    assertThatThrownBy(() -> h.createPod("c", CPU_500M)).hasMessageContaining("exceeded quota: compute");

    h.api.delete(h.pods, "default", "a", null, false);
    h.manager.runUntilIdle();
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("500m");
    assertThat(h.used("compute", "pods")).isEqualTo("1");
    h.createPod("c", CPU_500M);
    assertThat(h.used("compute", "count/pods")).isEqualTo("2");
  }

  @Test
  void terminalPodsAreNotChargedComputeButStillCounted() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("q", "'pods':'1','count/pods':'5','requests.cpu':'1'");
    ObjectNode pod = h.createPod("done", "'requests':{'cpu':'1'}");
    pod.withObject("status").put("phase", "Succeeded");
    h.api.updateStatus(h.pods, "default", pod, "kubelet", false);
    h.manager.runUntilIdle();
    assertThat(h.used("q", "pods")).isEqualTo("0");
    assertThat(h.used("q", "requests.cpu")).isEqualTo("0");
    assertThat(h.used("q", "count/pods")).isEqualTo("1");
    h.createPod("next", "'requests':{'cpu':'1'}");
  }

  @Test
  void usageIsCountedFromStoreWhenStatusIsMissing() {
    AdmissionHarness h = new AdmissionHarness();
    h.createPod("before", "'requests':{'memory':'1Gi'}");
    h.quota("mem", "'requests.memory':'1536Mi'");
    assertThatThrownBy(() -> h.createPod("more", "'requests':{'memory':'1Gi'}"))
        .hasMessage("pods \"more\" is forbidden: exceeded quota: mem, requested: requests.memory=1Gi, "
            + "used: requests.memory=1Gi, limited: requests.memory=1536Mi");
  }

  @Test
  void dryRunDoesNotCharge() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("q", "'requests.cpu':'1'");
    h.api.create(h.pods, "default", AdmissionHarness.pod("dry", "'requests':{'cpu':'1'}"), "test", true);
    assertThat(h.store.require(h.quotas, "default", "q").has("status")).isFalse();
    h.createPod("real", "'requests':{'cpu':'1'}");
    assertThat(h.used("q", "requests.cpu")).isEqualTo("1");
  }

  @Test
  void objectCountsForConfigMapsAndServices() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("objects", "'configmaps':'1','count/secrets':'1','services.nodeports':'1'");
    h.create(h.api.type("v1", "ConfigMap"), "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'one'}}");
    assertThatThrownBy(() -> h.create(h.api.type("v1", "ConfigMap"),
        "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'two'}}"))
        .hasMessage("configmaps \"two\" is forbidden: exceeded quota: objects, requested: configmaps=1, "
            + "used: configmaps=1, limited: configmaps=1");
    h.create(h.api.type("v1", "Secret"), "{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'}}");
    assertThat(h.used("objects", "count/secrets")).isEqualTo("1");
    assertThatThrownBy(() -> h.create(h.api.type("v1", "Service"), "{'apiVersion':'v1','kind':'Service',"
        + "'metadata':{'name':'np'},'spec':{'type':'NodePort','ports':[{'port':80},{'port':443}]}}"))
        .hasMessage("services \"np\" is forbidden: exceeded quota: objects, requested: services.nodeports=2, "
            + "used: services.nodeports=0, limited: services.nodeports=1");
    h.manager.runUntilIdle();
    assertThat(h.used("objects", "configmaps")).isEqualTo("1");
  }

  @Test
  void scopesSelectWhichPodsAreCharged() {
    AdmissionHarness h = new AdmissionHarness();
    h.create(h.quotas, "{'apiVersion':'v1','kind':'ResourceQuota','metadata':{'name':'be'},"
        + "'spec':{'hard':{'pods':'1'},'scopes':['BestEffort']}}");
    h.createPod("burstable", "'requests':{'cpu':'100m'}");
    h.createPod("besteffort", "");
    assertThatThrownBy(() -> h.createPod("besteffort2", ""))
        .hasMessageContaining("exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1");
    h.createPod("burstable2", "'requests':{'cpu':'100m'}");
    h.manager.runUntilIdle();
    assertThat(h.used("be", "pods")).isEqualTo("1");
  }

  @Test
  void terminatingPodIsReleasedWhenGraceRunsOut() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("q", "'pods':'1'");
    ObjectNode pod = AdmissionHarness.pod("slow", "");
    Json.metadata(pod).putArray("finalizers").add("example.com/hold");
    h.api.create(h.pods, "default", pod, "test", false);
    h.api.delete(h.pods, "default", "slow", null, false);
    h.manager.runUntilIdle();
    // Marked deleted with a zero grace period at this instant: still charged until just after.
    assertThat(h.used("q", "pods")).isEqualTo("1");
    h.manager.advanceTo(AdmissionHarness.START.plus(Duration.ofSeconds(1)), h.now::set);
    assertThat(h.used("q", "pods")).isEqualTo("0");
  }

  @Test
  void podResizeChargesOnlyTheDeltaAndLabelUpdatesAreFree() {
    AdmissionHarness h = new AdmissionHarness();
    h.quota("compute", "'requests.cpu':'1'");
    ObjectNode pod = h.createPod("p", "'requests':{'cpu':'400m'}");
    assertThatThrownBy(() -> h.createPod("bare", "")).hasMessageContaining("must specify requests.cpu");

    ObjectNode grown = pod.deepCopy();
    ((ObjectNode) grown.path("spec").path("containers").get(0).path("resources").path("requests")).put("cpu", "1100m");
    assertThatThrownBy(() -> h.api.update(h.pods, "default", grown, "test", false))
        .hasMessage("pods \"p\" is forbidden: exceeded quota: compute, requested: requests.cpu=700m, "
            + "used: requests.cpu=400m, limited: requests.cpu=1");
    ObjectNode resized = pod.deepCopy();
    ((ObjectNode) resized.path("spec").path("containers").get(0).path("resources").path("requests")).put("cpu", "1");
    ObjectNode stored = h.api.update(h.pods, "default", resized, "test", false);
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1");

    ObjectNode relabelled = stored.deepCopy();
    Json.metadata(relabelled).withObject("labels").put("tier", "web");
    h.api.update(h.pods, "default", relabelled, "test", false);
    h.manager.runUntilIdle();
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("1");
  }

  @Test
  void controllerMirrorsSpecHardIntoStatus() {
    AdmissionHarness h = new AdmissionHarness();
    ObjectNode quota = h.quota("q", "'pods':'2'");
    h.createPod("a", "");
    h.manager.runUntilIdle();
    ObjectNode current = h.store.require(h.quotas, "default", "q");
    current.withObject("spec").withObject("hard").put("pods", "5");
    current.withObject("spec").withObject("hard").put("requests.memory", "1Gi");
    h.api.update(h.quotas, "default", current, "test", false);
    h.manager.runUntilIdle();
    ObjectNode status = (ObjectNode) h.store.require(h.quotas, "default", quota.path("metadata").path("name")
        .asString()).get("status");
    assertThat(status.toString()).isEqualTo("{\"hard\":{\"pods\":\"5\",\"requests.memory\":\"1Gi\"},"
        + "\"used\":{\"pods\":\"1\",\"requests.memory\":\"0\"}}");
  }
}
