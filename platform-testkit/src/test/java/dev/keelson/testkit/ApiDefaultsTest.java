package dev.keelson.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the API server's decoding adds to every write: API defaults and canonical quantities, as users read them. */
@SimulatedClusterTest
class ApiDefaultsTest {

  private static final String QUANTITY_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final String TEMPLATE = """
      template:
        metadata: {labels: {app: web}}
        spec:
          containers:
          - name: app
            image: shop/web:1.4
            ports: [{containerPort: 8080}]
            readinessProbe: {httpGet: {port: 8080}}
      """;

  /** Creates an object from YAML as sent, numbers and all, the way {@code kubectl create -f} sends it. */
  private static <T> T create(KubernetesClient client, String yaml, Class<T> type) {
    GenericKubernetesResource sent = client.getKubernetesSerialization().unmarshal(yaml,
        GenericKubernetesResource.class);
    GenericKubernetesResource created = client.resource(sent).inNamespace("default").create();
    return client.getKubernetesSerialization().convertValue(created, type);
  }

  @Test
  void aBareDeploymentReadsBackWithTheApiDefaults(KubernetesClient client) {
    Deployment d = create(client, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
        """ + TEMPLATE.indent(2), Deployment.class);
    assertThat(d.getSpec().getReplicas()).isEqualTo(1);
    assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
    assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertTemplateDefaults(d.getSpec().getTemplate().getSpec(), "Always");
  }

  private static void assertTemplateDefaults(PodSpec spec, String restartPolicy) {
    assertThat(spec.getRestartPolicy()).isEqualTo(restartPolicy);
    assertThat(spec.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(spec.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(spec.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(spec.getSecurityContext()).isNotNull();
    assertThat(spec.getEnableServiceLinks()).as("a Pod-only default").isNull();
    Container app = spec.getContainers().get(0);
    assertThat(app.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(app.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(app.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(app.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    var probe = app.getReadinessProbe();
    assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
    assertThat(probe.getPeriodSeconds()).isEqualTo(10);
    assertThat(probe.getSuccessThreshold()).isEqualTo(1);
    assertThat(probe.getFailureThreshold()).isEqualTo(3);
    assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
  }

  @Test
  void statefulSetsDaemonSetsAndTheirClaimTemplatesGetTheirDefaults(KubernetesClient client) {
    StatefulSet sts = create(client, """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          selector: {matchLabels: {app: web}}
          serviceName: db
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1024Mi}}}
        """ + TEMPLATE.indent(2), StatefulSet.class);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(1);
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("OrderedReady");
    assertThat(sts.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
    assertThat(sts.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled()).isEqualTo("Retain");
    var claim = sts.getSpec().getVolumeClaimTemplates().get(0).getSpec();
    assertThat(claim.getVolumeMode()).isEqualTo("Filesystem");
    assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("1Gi");

    DaemonSet ds = create(client, """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: web}}
        """ + TEMPLATE.indent(2), DaemonSet.class);
    assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
    assertThat(ds.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
  }

  @Test
  void jobsAndCronJobsGetTheBatchDefaults(KubernetesClient client) {
    String jobTemplate = """
        template:
          metadata: {labels: {app: report}}
          spec:
            restartPolicy: Never
            containers: [{name: run, image: "shop/report@sha256:0123456789abcdef"}]
        """;
    Job job = create(client, """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report}
        spec:
        """ + jobTemplate.indent(2), Job.class);
    assertThat(job.getSpec().getCompletions()).isEqualTo(1);
    assertThat(job.getSpec().getParallelism()).isEqualTo(1);
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
    assertThat(job.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
    assertThat(job.getSpec().getSuspend()).isFalse();
    assertThat(job.getSpec().getManualSelector()).isFalse();
    assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("TerminatingOrFailed");
    assertThat(job.getMetadata().getLabels()).as("copied from the template").containsEntry("app", "report");
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
        .as("a digest without a tag").isEqualTo("IfNotPresent");

    CronJob cron = create(client, """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
        """ + jobTemplate.indent(6), CronJob.class);
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Allow");
    assertThat(cron.getSpec().getSuspend()).isFalse();
    assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(3);
    assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isEqualTo(1);
    assertThat(cron.getSpec().getJobTemplate().getSpec().getBackoffLimit())
        .as("SetDefaults_Job takes a Job, not a job template").isNull();
    assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getDnsPolicy())
        .isEqualTo("ClusterFirst");
  }

  @Test
  void aJobWithoutARestartPolicyIsDefaultedToAlwaysAndRejected(KubernetesClient client) {
    assertThatThrownBy(() -> create(client, """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: report}
        spec:
          template:
            spec:
              containers: [{name: run, image: shop/report:2}]
        """, Job.class)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getMessage()).isEqualTo("Job.batch \"report\" is invalid: "
              + "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", "
              + "\"Never\"");
        });
  }

  @Test
  void servicesGetTheirTypeAffinityProtocolsAndTargetPorts(KubernetesClient client) {
    Service svc = create(client, """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80}, {port: 443, targetPort: https}]
        """, Service.class);
    assertThat(svc.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(svc.getSpec().getSessionAffinity()).isEqualTo("None");
    assertThat(svc.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(svc.getSpec().getExternalTrafficPolicy()).isNull();
    assertThat(svc.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getProtocol()).isEqualTo("TCP"));
    assertThat(svc.getSpec().getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(80));
    assertThat(svc.getSpec().getPorts().get(1).getTargetPort()).isEqualTo(new IntOrString("https"));

    Service nodePort = create(client, """
        apiVersion: v1
        kind: Service
        metadata: {name: edge}
        spec: {type: NodePort, ports: [{port: 80}]}
        """, Service.class);
    assertThat(nodePort.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
  }

  @Test
  void podsGetPodOnlyDefaultsAndCanonicalQuantities(KubernetesClient client) {
    Pod pod = create(client, """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: app
            image: shop/web
            resources:
              limits: {cpu: 2, memory: 1024Mi}
              requests: {cpu: "0.5"}
          - name: sidecar
            image: shop/proxy:latest
            resources: {limits: {memory: 1.5Gi, ephemeral-storage: "2000"}}
          volumes:
          - {name: config, configMap: {name: web}}
          - {name: scratch, emptyDir: {sizeLimit: 1024Mi}}
        """, Pod.class);
    Container app = pod.getSpec().getContainers().get(0);
    assertThat(app.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
    assertThat(app.getResources().getLimits().get("cpu").toString()).as("a JSON number").isEqualTo("2");
    assertThat(app.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
    assertThat(app.getResources().getRequests().get("memory").toString()).as("the limit fills the request")
        .isEqualTo("1Gi");
    assertThat(app.getImagePullPolicy()).as("no tag means latest").isEqualTo("Always");
    Container sidecar = pod.getSpec().getContainers().get(1);
    assertThat(sidecar.getImagePullPolicy()).isEqualTo("Always");
    assertThat(sidecar.getResources().getLimits().get("memory").toString()).isEqualTo("1536Mi");
    assertThat(sidecar.getResources().getLimits().get("ephemeral-storage").toString()).isEqualTo("2k");
    assertThat(sidecar.getResources().getRequests()).containsOnlyKeys("memory", "ephemeral-storage");
    assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
    assertThat(pod.getSpec().getVolumes().get(0).getConfigMap().getDefaultMode()).isEqualTo(420);
    assertThat(pod.getSpec().getVolumes().get(1).getEmptyDir().getSizeLimit().toString()).isEqualTo("1Gi");
    assertThat(pod.getStatus().getQosClass()).isEqualTo("Burstable");
  }

  @Test
  void quotasSecretsNamespacesAndAutoscalersAreStoredAsTheApiServerStoresThem(KubernetesClient client) {
    ResourceQuota quota = create(client, """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: compute}
        spec: {hard: {requests.cpu: 1.5, requests.memory: 2048Mi, pods: 10}}
        """, ResourceQuota.class);
    assertThat(quota.getSpec().getHard()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue())
        .containsExactlyInAnyOrder("requests.cpu=1500m", "requests.memory=2Gi", "pods=10");
    Secret secret = create(client, """
        apiVersion: v1
        kind: Secret
        metadata: {name: token}
        stringData: {token: s3cr3t}
        """, Secret.class);
    assertThat(secret.getType()).isEqualTo("Opaque");
    Namespace shop = client.namespaces().resource(ApiServerTest.namespace("shop")).create();
    assertThat(shop.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "shop");
    assertThat(shop.getSpec().getFinalizers()).containsExactly("kubernetes");
    assertThat(shop.getStatus().getPhase()).isEqualTo("Active");
    assertThat(String.valueOf(shop.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties()))
        .as("added by the registry after the field manager").doesNotContain("f:finalizers");

    HorizontalPodAutoscaler hpa = create(client, """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: web}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          maxReplicas: 5
          behavior: {scaleDown: {stabilizationWindowSeconds: 60}}
        """, HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> {
      assertThat(m.getResource().getName()).isEqualTo("cpu");
      assertThat(m.getResource().getTarget().getAverageUtilization()).isEqualTo(80);
    });
    var behavior = hpa.getSpec().getBehavior();
    assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(60);
    assertThat(behavior.getScaleDown().getSelectPolicy()).isEqualTo("Max");
    assertThat(behavior.getScaleDown().getPolicies()).extracting(p -> p.getType() + ":" + p.getValue() + "/"
        + p.getPeriodSeconds()).containsExactly("Percent:100/15");
    assertThat(behavior.getScaleUp().getStabilizationWindowSeconds()).isZero();
    assertThat(behavior.getScaleUp().getPolicies()).extracting(p -> p.getType() + ":" + p.getValue() + "/"
        + p.getPeriodSeconds()).containsExactly("Pods:4/15", "Percent:100/15");
  }

  // ------------------------------------------------------------------------------------------ server-side apply

  private static GenericKubernetesResource applied(KubernetesClient client, String replicas, String cpu) {
    String yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
        %s  selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: shop/web:1.4
                resources: {requests: {cpu: %s}}
        """.formatted(replicas == null ? "" : "  replicas: " + replicas + "\n", cpu);
    return client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static Deployment apply(KubernetesClient client, GenericKubernetesResource config) {
    return client.getKubernetesSerialization().convertValue(
        client.resource(config).fieldManager("keelson").serverSideApply(), Deployment.class);
  }

  @Test
  void applyingANonCanonicalQuantityTwiceWritesOnce(KubernetesClient client, SimulatedCluster cluster) {
    Deployment first = apply(client, applied(client, null, "\"0.5\""));
    assertThat(first.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
        .get("cpu").toString()).isEqualTo("500m");
    long rv = cluster.resourceVersion();
    Deployment second = apply(client, applied(client, null, "\"0.5\""));
    assertThat(cluster.resourceVersion()).isEqualTo(rv);
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    apply(client, applied(client, null, "0.5"));
    assertThat(cluster.resourceVersion()).as("a JSON number of the same value").isEqualTo(rv);
  }

  @Test
  void defaultedFieldsBelongToNoApplier(KubernetesClient client) {
    Deployment d = apply(client, applied(client, null, "100m"));
    assertThat(d.getMetadata().getManagedFields()).singleElement().satisfies(entry -> {
      assertThat(entry.getManager()).isEqualTo("keelson");
      String fields = String.valueOf(entry.getFieldsV1().getAdditionalProperties());
      assertThat(fields).contains("f:selector", "f:image")
          .doesNotContain("f:replicas", "f:strategy", "f:revisionHistoryLimit", "f:progressDeadlineSeconds",
              "f:dnsPolicy", "f:terminationMessagePath", "f:imagePullPolicy");
    });
  }

  @Test
  void aCreateOwnsWhatDefaultingAddedAsARealServerRecordsIt(KubernetesClient client) {
    Deployment d = create(client, """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
        """ + TEMPLATE.indent(2), Deployment.class);
    // The decoded (defaulted) object is what the create wrote, so its manager owns the defaults too.
    assertThat(d.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getOperation)
        .containsExactly("Update");
    assertThat(String.valueOf(d.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties()))
        .contains("f:replicas", "f:revisionHistoryLimit", "f:dnsPolicy");
  }

  @Test
  void replicasAnApplierStopsSettingGoBackToTheDefault(KubernetesClient client) {
    assertThat(apply(client, applied(client, null, "100m")).getSpec().getReplicas()).isEqualTo(1);
    assertThat(apply(client, applied(client, "3", "100m")).getSpec().getReplicas()).isEqualTo(3);
    assertThat(apply(client, applied(client, null, "100m")).getSpec().getReplicas())
        .as("removed by the apply, then defaulted again").isEqualTo(1);
  }

  // -------------------------------------------------------------------------------------------- bad quantities

  @Test
  void aCreateWithABadQuantityIsABadRequest(KubernetesClient client) {
    assertThatThrownBy(() -> create(client, """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: shop/web, resources: {limits: {cpu: abc}}}]
        """, Pod.class)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getStatus().getReason()).isEqualTo("BadRequest");
          assertThat(e.getStatus().getMessage()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: "
              + QUANTITY_ERROR);
        });
    assertThat(client.pods().inNamespace("default").withName("web").get()).isNull();
  }

  @Test
  void aPatchWithABadQuantityIsInvalid(KubernetesClient client, SimulatedCluster cluster) {
    create(client, """
        apiVersion: v1
        kind: LimitRange
        metadata: {name: defaults}
        spec: {limits: [{type: Container, default: {cpu: 1}}]}
        """, GenericKubernetesResource.class);
    long rv = cluster.resourceVersion();
    assertThatThrownBy(() -> client.limitRanges().inNamespace("default").withName("defaults")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"limits\":[{\"type\":\"Container\","
            + "\"default\":{\"cpu\":\"abc\"}}]}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(422);
          assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
          assertThat(e.getStatus().getMessage()).startsWith(" \"\" is invalid: patch: Invalid value: \"{")
              .contains("\\\"cpu\\\":\\\"abc\\\"").endsWith("\": " + QUANTITY_ERROR);
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getField()).isEqualTo("patch"));
        });
    assertThat(cluster.resourceVersion()).isEqualTo(rv);
  }

  @Test
  void anApplyWithABadQuantityFailsInTheFieldManager(KubernetesClient client) {
    assertThatThrownBy(() -> apply(client, applied(client, null, "abc")))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(500);
          assertThat(e.getStatus().getMessage()).isEqualTo("failed to convert new object (default/web; apps/v1, "
              + "Kind=Deployment) to proper version: " + QUANTITY_ERROR);
        });
  }

  @Test
  void statusWritesAreDecodedToo(KubernetesClient client, SimulatedCluster cluster) {
    ResourceQuota quota = create(client, """
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: compute}
        spec: {hard: {requests.cpu: "2"}}
        """, ResourceQuota.class);
    quota.setStatus(new io.fabric8.kubernetes.api.model.ResourceQuotaStatus(Map.of("requests.cpu",
        new Quantity("2")), Map.of("requests.cpu", new Quantity("0.25"))));
    ResourceQuota written = client.resource(quota).updateStatus();
    assertThat(written.getStatus().getUsed().get("requests.cpu").toString()).isEqualTo("250m");
  }
}
