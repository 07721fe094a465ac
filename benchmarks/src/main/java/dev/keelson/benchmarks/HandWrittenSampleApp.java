package dev.keelson.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample app ({@code dev.keelson.examples.SampleApp}) written by hand with plain fabric8 builders, the way a
 * team would without Keelson: every golden-path default spelled out, the content-hashed ConfigMap name pasted in as
 * a literal. It builds the same objects, in the same order, as {@code Renderer.goldenPath().render(SampleApp.app())},
 * so that it is the floor the Keelson render is measured against.
 *
 * <p>Label and annotation maps are sorted, as Keelson's are, so that the YAML is byte-identical too.
 */
public final class HandWrittenSampleApp {

  private static final String NAME = "web";
  private static final String NAMESPACE = "shop";
  private static final String CONFIG = "web-config-cnczhg9m7f";
  private static final String PROFILE = "golden-path";
  private static final String DEPLOYMENT_DEFAULTS = "recommended-labels,memory-limit-equals-request,"
      + "startup-probe-for-slow-starters,run-as-non-root,no-privilege-escalation,drop-all-capabilities,"
      + "seccomp-runtime-default,read-only-root-filesystem,no-service-account-token,topology-spread,"
      + "graceful-shutdown,revision-history-limit,progress-deadline";

  private HandWrittenSampleApp() {
  }

  /** ServiceAccount, ConfigMap, Deployment, Service, HorizontalPodAutoscaler, PodDisruptionBudget, NetworkPolicy. */
  public static List<HasMetadata> objects() {
    return List.of(
        new ServiceAccountBuilder()
            .withMetadata(meta("recommended-labels"))
            .withAutomountServiceAccountToken(false)
            .build(),
        new ConfigMapBuilder()
            .withMetadata(new ObjectMetaBuilder(meta("recommended-labels")).withName(CONFIG).build())
            .withData(new TreeMap<>(Map.of("feature.checkout-v2", "false", "log-level", "info")))
            .withImmutable(true)
            .build(),
        deployment(),
        new ServiceBuilder()
            .withMetadata(meta("recommended-labels"))
            .withNewSpec()
            .withSelector(selector())
            .withType("ClusterIP")
            .addNewPort().withName("http").withPort(8080).withTargetPort(new IntOrString("http"))
            .withProtocol("TCP").endPort()
            .addNewPort().withName("metrics").withPort(9090).withTargetPort(new IntOrString("metrics"))
            .withProtocol("TCP").endPort()
            .endSpec()
            .build(),
        new HorizontalPodAutoscalerBuilder()
            .withMetadata(meta("recommended-labels"))
            .withNewSpec()
            .withNewScaleTargetRef("apps/v1", "Deployment", NAME)
            .withMinReplicas(3)
            .withMaxReplicas(10)
            .addNewMetric().withType("Resource").withNewResource().withName("cpu")
            .withNewTarget().withType("Utilization").withAverageUtilization(70).endTarget()
            .endResource().endMetric()
            .withNewBehavior()
            .withNewScaleDown().withStabilizationWindowSeconds(300)
            .addNewPolicy().withType("Percent").withValue(50).withPeriodSeconds(60).endPolicy()
            .endScaleDown()
            .endBehavior()
            .endSpec()
            .build(),
        new PodDisruptionBudgetBuilder()
            .withMetadata(meta("recommended-labels,disruption-budget"))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector().withMatchLabels(selector()).endSelector()
            .endSpec()
            .build(),
        new NetworkPolicyBuilder()
            .withMetadata(meta("recommended-labels,network-policy"))
            .withNewSpec()
            .withNewPodSelector().withMatchLabels(selector()).endPodSelector()
            .addNewIngress()
            .addNewFrom().withNewPodSelector().endPodSelector().endFrom()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(8080)).endPort()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(9090)).endPort()
            .endIngress()
            .withPolicyTypes("Ingress")
            .endSpec()
            .build());
  }

  private static HasMetadata deployment() {
    Map<String, String> labels = labels();
    labels.put("app.kubernetes.io/version", "1.4.2");
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .withLabels(labels)
        .withAnnotations(annotations(DEPLOYMENT_DEFAULTS))
        .endMetadata()
        .withNewSpec()
        .withNewSelector().withMatchLabels(selector()).endSelector()
        .withNewStrategy().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withRevisionHistoryLimit(5)
        .withProgressDeadlineSeconds(600)
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).endMetadata()
        .withNewSpec()
        .addToContainers(new ContainerBuilder()
            .withName("app")
            .withImage("registry.example.com/shop/web:1.4.2")
            .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
            .addNewPort().withName("metrics").withContainerPort(9090).withProtocol("TCP").endPort()
            .addNewEnv().withName("LOG_LEVEL").withNewValueFrom()
            .withNewConfigMapKeyRef().withKey("log-level").withName(CONFIG).endConfigMapKeyRef()
            .endValueFrom().endEnv()
            .addNewEnv().withName("POD_NAME").withNewValueFrom()
            .withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
            .endValueFrom().endEnv()
            .withNewResources()
            .addToRequests("cpu", new Quantity("250m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("memory", new Quantity("256Mi"))
            .endResources()
            .withReadinessProbe(httpProbe("/ready", 3))
            .withLivenessProbe(httpProbe("/live", 6))
            .withStartupProbe(httpProbe("/ready", 6))
            .addNewVolumeMount().withName("config").withMountPath("/etc/web").withReadOnly(true).endVolumeMount()
            .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .withReadOnlyRootFilesystem(true)
            .endSecurityContext()
            .withNewLifecycle().withNewPreStop().withNewSleep(5L).endPreStop().endLifecycle()
            .build())
        .addNewVolume().withName("config").withNewConfigMap().withName(CONFIG).endConfigMap().endVolume()
        .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
        .withServiceAccountName(NAME)
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .withTerminationGracePeriodSeconds(30L)
        .withTopologySpreadConstraints(spread("topology.kubernetes.io/zone"), spread("kubernetes.io/hostname"))
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Probe httpProbe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withInitialDelaySeconds(0)
        .withPeriodSeconds(10)
        .withTimeoutSeconds(1)
        .withSuccessThreshold(1)
        .withFailureThreshold(failureThreshold)
        .withNewHttpGet().withPath(path).withPort(new IntOrString("http")).withScheme("HTTP").endHttpGet()
        .build();
  }

  private static TopologySpreadConstraint spread(String topologyKey) {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey(topologyKey)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector().withMatchLabels(selector()).endLabelSelector()
        .withMatchLabelKeys("pod-template-hash")
        .build();
  }

  private static ObjectMeta meta(String defaultsApplied) {
    return new ObjectMetaBuilder()
        .withName(NAME)
        .withNamespace(NAMESPACE)
        .withLabels(labels())
        .withAnnotations(annotations(defaultsApplied))
        .build();
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/component", "frontend");
    labels.put("app.kubernetes.io/instance", NAME);
    labels.put("app.kubernetes.io/managed-by", "keelson");
    labels.put("app.kubernetes.io/name", NAME);
    labels.put("app.kubernetes.io/part-of", "shop");
    return labels;
  }

  private static Map<String, String> selector() {
    Map<String, String> selector = new TreeMap<>();
    selector.put("app.kubernetes.io/instance", NAME);
    selector.put("app.kubernetes.io/name", NAME);
    return selector;
  }

  private static Map<String, String> annotations(String defaultsApplied) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("keelson.dev/defaults-applied", defaultsApplied);
    annotations.put("keelson.dev/defaults-profile", PROFILE);
    return annotations;
  }
}
