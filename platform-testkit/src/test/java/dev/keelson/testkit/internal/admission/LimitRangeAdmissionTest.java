package dev.keelson.testkit.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** LimitRanger defaulting, the limit-ranger annotation and min/max/ratio messages. */
class LimitRangeAdmissionTest {

  @Test
  void defaultsRequestsAndLimitsAndAnnotates() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Container','default':{'cpu':'500m','memory':'256Mi'},"
        + "'defaultRequest':{'cpu':'100m','memory':'128Mi'}}");
    ObjectNode pod = AdmissionHarness.json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{"
        + "'initContainers':[{'name':'setup','image':'busybox'}],"
        + "'containers':[{'name':'app','image':'nginx','resources':{'requests':{'cpu':'200m'}}}]}}");
    ObjectNode created = h.api.create(h.pods, "default", pod, "test", false);
    assertThat(created.path("spec").path("containers").get(0).path("resources").toString())
        .isEqualTo("{\"requests\":{\"cpu\":\"200m\",\"memory\":\"128Mi\"},"
            + "\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}}");
    assertThat(created.path("spec").path("initContainers").get(0).path("resources").path("requests").toString())
        .isEqualTo("{\"cpu\":\"100m\",\"memory\":\"128Mi\"}");
    assertThat(Json.text(created, "metadata", "annotations", "kubernetes.io/limit-ranger"))
        .isEqualTo("LimitRanger plugin set: memory request for container app; cpu, memory limit for container app; "
            + "cpu, memory request for init container setup; cpu, memory limit for init container setup");
  }

  @Test
  void defaultLimitFallsBackToMaxAndRequestToMin() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Container','max':{'cpu':'2'},'min':{'memory':'32Mi'}}");
    ObjectNode created = h.createPod("p", "");
    assertThat(created.path("spec").path("containers").get(0).path("resources").toString())
        .isEqualTo("{\"limits\":{\"cpu\":\"2\"},\"requests\":{\"cpu\":\"2\",\"memory\":\"32Mi\"}}");
    assertThat(Json.text(created, "metadata", "annotations", "kubernetes.io/limit-ranger"))
        .isEqualTo("LimitRanger plugin set: cpu, memory request for container app; cpu limit for container app");
  }

  @Test
  void containerLimitSuppliesRequestSoNoDefaultRequestIsSet() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Container','default':{'cpu':'1'},'defaultRequest':{'cpu':'100m'}}");
    ObjectNode created = h.createPod("p", "'limits':{'cpu':'300m'}");
    // API defaulting copied the limit to the request before admission, as in Kubernetes.
    assertThat(created.path("spec").path("containers").get(0).path("resources").toString())
        .isEqualTo("{\"limits\":{\"cpu\":\"300m\"},\"requests\":{\"cpu\":\"300m\"}}");
    assertThat(created.path("metadata").path("annotations").has("kubernetes.io/limit-ranger")).isFalse();
  }

  @Test
  void minAndMaxViolationsUseUpstreamWording() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Container','min':{'cpu':'100m'},'max':{'cpu':'1','memory':'1Gi'},"
        + "'default':{'cpu':'500m','memory':'512Mi'}}");
    assertThatThrownBy(() -> h.createPod("small", "'requests':{'cpu':'50m'}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("pods \"small\" is forbidden: minimum cpu usage per Container is 100m, but request is 50m");
    assertThatThrownBy(() -> h.createPod("big", "'limits':{'cpu':'2','memory':'2Gi'}"))
        .hasMessage("pods \"big\" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, "
            + "maximum memory usage per Container is 1Gi, but limit is 2Gi]");
  }

  @Test
  void missingRequestAndLimitAndRatio() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Pod','min':{'memory':'64Mi'},'max':{'cpu':'2'},'maxLimitRequestRatio':{'cpu':'2'}}");
    assertThatThrownBy(() -> h.createPod("none", ""))
        .hasMessage("pods \"none\" is forbidden: [minimum memory usage per Pod is 64Mi.  No request is specified, "
            + "maximum cpu usage per Pod is 2.  No limit is specified, "
            + "cpu max limit to request ratio per Pod is 2, but no request is specified or request is 0]");
    assertThatThrownBy(() -> h.createPod("ratio", "'requests':{'cpu':'300m','memory':'64Mi'},'limits':{'cpu':'1'}"))
        .hasMessage("pods \"ratio\" is forbidden: cpu max limit to request ratio per Pod is 2, "
            + "but provided ratio is 3.333333");
    h.createPod("ok", "'requests':{'cpu':'500m','memory':'64Mi'},'limits':{'cpu':'1'}");
  }

  @Test
  void persistentVolumeClaimStorageBounds() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'PersistentVolumeClaim','min':{'storage':'1Gi'},'max':{'storage':'10Gi'}}");
    String claim = "{'apiVersion':'v1','kind':'PersistentVolumeClaim','metadata':{'name':'data'},"
        + "'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'%s'}}}}";
    assertThatThrownBy(() -> h.create(h.api.type("v1", "PersistentVolumeClaim"), claim.formatted("20Gi")))
        .hasMessage("persistentvolumeclaims \"data\" is forbidden: maximum storage usage per "
            + "PersistentVolumeClaim is 10Gi, but request is 20Gi");
    assertThatThrownBy(() -> h.create(h.api.type("v1", "PersistentVolumeClaim"), claim.formatted("512Mi")))
        .hasMessage("persistentvolumeclaims \"data\" is forbidden: minimum storage usage per "
            + "PersistentVolumeClaim is 1Gi, but request is 512Mi");
    h.create(h.api.type("v1", "PersistentVolumeClaim"), claim.formatted("5Gi"));
  }

  @Test
  void defaultsAreChargedToQuota() {
    AdmissionHarness h = new AdmissionHarness();
    h.limitRange("{'type':'Container','default':{'cpu':'500m','memory':'256Mi'}}");
    h.quota("compute", "'requests.cpu':'1','limits.memory':'1Gi'");
    h.createPod("a", "");
    assertThat(h.used("compute", "requests.cpu")).isEqualTo("500m");
    assertThat(h.used("compute", "limits.memory")).isEqualTo("256Mi");
  }
}
