package dev.keelson.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.DisruptionBudgetSpec;
import dev.keelson.core.app.EnvironmentOverlay;
import dev.keelson.core.app.GatewayRef;
import dev.keelson.core.app.HttpRouteSpec;
import dev.keelson.core.app.IngressSpec;
import dev.keelson.core.app.MetricTarget;
import dev.keelson.core.app.NetworkPolicySpec;
import dev.keelson.core.app.PeerSpec;
import dev.keelson.core.app.RoutePath;
import dev.keelson.core.app.SecretSpec;
import dev.keelson.core.app.ServicePort;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.EnvVarSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.spec.ProbeSpec;
import dev.keelson.core.spec.Resources;
import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.workload.ClaimTemplate;
import dev.keelson.core.workload.CronJobSpec;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppRenderingTest {

  static ContainerSpec app() {
    return ContainerSpec.builder().name("app").image("registry.example.com/shop/web:1.4.2")
        .addPort(Port.of("http", 8080)).addPort(Port.of("metrics", 9090))
        .resources(Resources.of("250m", "256Mi")).readiness(ProbeSpec.http("/ready", "http")).build();
  }

  static DeploymentSpec web() {
    return Workloads.deployment("web").namespace("shop").replicas(3).addContainer(app()).build();
  }

  static <T> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as("objects of kind %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void objectsComeInApplyOrder() {
    AppSpec spec = AppSpec.builder().workload(web()).service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .addSecret(SecretSpec.of("db", Map.of("password", "s3cr3t")))
        .addIngress(IngressSpec.builder().host("shop.example.com").addPath(RoutePath.prefix("/", "http")).build())
        .autoscaler(AutoscalerSpec.builder().minReplicas(3).maxReplicas(9).cpuUtilization(70).build())
        .build();
    assertThat(Renderer.goldenPath().render(spec)).extracting(HasMetadata::getKind).containsExactly(
        "ServiceAccount", "Secret", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler",
        "PodDisruptionBudget", "NetworkPolicy");
  }

  @Test
  void serviceIsDerivedFromNamedContainerPorts() {
    List<HasMetadata> all = Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP)).build());
    Service svc = only(all, Service.class);
    assertThat(svc.getSpec().getPorts()).extracting(p -> p.getName(), p -> p.getPort(), p -> p.getTargetPort()
        .getStrVal()).containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8080, "http"),
            org.assertj.core.groups.Tuple.tuple("metrics", 9090, "metrics"));
    assertThat(svc.getSpec().getSelector()).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");

    Service lb = only(Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .service(ServiceSpec.builder().type(ServiceSpec.Type.LOAD_BALANCER)
            .addPort(ServicePort.of("http").withPort(80).withNodePort(30080)).build()).build()), Service.class);
    assertThat(lb.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(lb.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(80);
      assertThat(p.getNodePort()).isEqualTo(30080);
    });
    Service headless = only(Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .service(ServiceSpec.of(ServiceSpec.Type.HEADLESS)).build()), Service.class);
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
  }

  @Test
  void appLevelMistakesAreReportedWithPaths() {
    assertThatThrownBy(() -> AppSpec.builder().workload(web())
        .service(ServiceSpec.builder().addPort(ServicePort.of("grpc")).build())
        .addIngress(IngressSpec.builder().host("Shop.Example.com").addPath(RoutePath.prefix("api", "grpc")).build())
        .autoscaler(AutoscalerSpec.builder().minReplicas(5).maxReplicas(2).build())
        .disruptionBudget(DisruptionBudgetSpec.builder().maxUnavailable("1").minAvailable("1").build())
        .build())
        .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.violations())
            .extracting(Violation::path, Violation::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("service.ports[grpc].name", "known-port"),
                org.assertj.core.groups.Tuple.tuple("ingresses[0].host", "host"),
                org.assertj.core.groups.Tuple.tuple("ingresses[0].paths[0].path", "absolute-path"),
                org.assertj.core.groups.Tuple.tuple("ingresses[0].paths[0].portName", "known-port"),
                org.assertj.core.groups.Tuple.tuple("autoscaler.minReplicas", "hpa-min-max"),
                org.assertj.core.groups.Tuple.tuple("autoscaler", "hpa-metric"),
                org.assertj.core.groups.Tuple.tuple("disruptionBudget", "pdb-one-of")));
  }

  @Test
  void autoscaledWorkloadsLeaveReplicasToTheHpa() {
    List<HasMetadata> all = Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .autoscaler(AutoscalerSpec.builder().minReplicas(3).maxReplicas(10).memoryUtilization(80)
            .addMetric(MetricTarget.pods("http_requests_per_second", "100"))
            .addMetric(MetricTarget.external("queue_depth", "30").withSelector(Map.of("queue", "orders")))
            .build())
        .build());
    assertThat(only(all, Deployment.class).getSpec().getReplicas()).isNull();
    HorizontalPodAutoscaler hpa = only(all, HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType())
        .containsExactly("Resource", "Pods", "External");
    assertThat(hpa.getSpec().getMetrics().get(2).getExternal().getMetric().getSelector().getMatchLabels())
        .containsEntry("queue", "orders");
  }

  @Test
  void ingressAndHttpRouteSendTrafficToTheServicePorts() {
    List<HasMetadata> all = Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .service(ServiceSpec.builder().addPort(ServicePort.of("http").withPort(80)).build())
        .addIngress(IngressSpec.builder().host("shop.example.com").className("nginx").tlsSecret("shop-tls")
            .addPath(RoutePath.prefix("/", "http")).build())
        .addRoute(HttpRouteSpec.builder().addParent(GatewayRef.of("public").withNamespace("gateways"))
            .addHostname("shop.example.com").addPath(RoutePath.exact("/checkout", "http")).build())
        .build());
    Ingress ing = only(all, Ingress.class);
    assertThat(ing.getSpec().getIngressClassName()).isEqualTo("nginx");
    assertThat(ing.getSpec().getTls()).singleElement().satisfies(t -> assertThat(t.getHosts())
        .containsExactly("shop.example.com"));
    assertThat(ing.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort()
        .getName()).isEqualTo("http");
    HTTPRoute route = only(all, HTTPRoute.class);
    assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(route.getSpec().getParentRefs().get(0).getNamespace()).isEqualTo("gateways");
    assertThat(route.getSpec().getRules().get(0).getMatches().get(0).getPath().getType()).isEqualTo("Exact");
    assertThat(route.getSpec().getRules().get(0).getBackendRefs().get(0).getPort()).isEqualTo(80);
  }

  @Test
  void networkPolicyAllowsTheServicePortsAndOptionallyRestrictsEgress() {
    NetworkPolicy defaultPolicy = only(Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .service(ServiceSpec.builder().addPort(ServicePort.of("http")).build()).build()), NetworkPolicy.class);
    assertThat(defaultPolicy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(defaultPolicy.getSpec().getIngress().get(0).getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8080));
    assertThat(defaultPolicy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()).isNotNull();

    NetworkPolicy strict = only(Renderer.goldenPath().render(AppSpec.builder().workload(web())
        .networkPolicy(NetworkPolicySpec.builder()
            .addIngressFrom(PeerSpec.namespace(Map.of("kubernetes.io/metadata.name", "ingress-nginx")))
            .restrictEgress(true).addEgressTo(PeerSpec.cidr("10.20.0.0/16")).build())
        .build()), NetworkPolicy.class);
    assertThat(strict.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(strict.getSpec().getEgress()).hasSize(2);
    assertThat(strict.getSpec().getEgress().get(0).getPorts()).extracting(p -> p.getPort().getIntVal())
        .containsExactly(53, 53);
    assertThat(strict.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.20.0.0/16");
  }

  @Test
  void statefulSetGetsClaimsPartitionAndAGoverningHeadlessService() {
    StatefulSetSpec db = Workloads.statefulSet("db").replicas(3).partition(2)
        .podManagement(StatefulSetSpec.PodManagement.PARALLEL)
        .addClaimTemplate(ClaimTemplate.of("data", "10Gi").withStorageClass("fast"))
        .addContainer(ContainerSpec.builder().from(app()).name("postgres").build()).build();
    List<HasMetadata> all = Renderer.goldenPath().render(AppSpec.builder().workload(db)
        .service(ServiceSpec.builder().name("db-rw").build()).build());
    StatefulSet sts = only(all, StatefulSet.class);
    assertThat(sts.getSpec().getServiceName()).isEqualTo("db");
    assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(2);
    assertThat(sts.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(c -> {
      assertThat(c.getSpec().getStorageClassName()).isEqualTo("fast");
      assertThat(c.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
    });
    assertThat(all.stream().filter(Service.class::isInstance).map(o -> (Service) o))
        .extracting(s -> s.getMetadata().getName(), s -> s.getSpec().getClusterIP())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db-rw", null),
            org.assertj.core.groups.Tuple.tuple("db", "None"));
  }

  @Test
  void daemonSetJobAndCronJobRender() {
    DaemonSet ds = (DaemonSet) Renderer.goldenPath().render(Workloads.daemonSet("agent").maxUnavailable("10%")
        .addContainer(app()).build());
    assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable().getStrVal()).isEqualTo("10%");
    assertThat(ds.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).isEmpty();

    ContainerSpec migrate = ContainerSpec.builder().name("migrate").image("flyway/flyway:10.1")
        .resources(Resources.of("100m", "128Mi")).build();
    Job job = (Job) Renderer.goldenPath().render(Workloads.job("migrate").completions(1).backoffLimit(2)
        .activeDeadlineSeconds(600L).ttlSecondsAfterFinished(3600).addContainer(migrate).build());
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getLifecycle()).isNull();

    CronJob cron = (CronJob) Renderer.goldenPath().render(Workloads.cronJob("report", "0 6 * * MON-FRI")
        .timeZone("Europe/Berlin").concurrency(CronJobSpec.Concurrency.FORBID).successfulJobsHistoryLimit(5)
        .addContainer(migrate).build());
    assertThat(cron.getSpec().getSchedule()).isEqualTo("0 6 * * MON-FRI");
    assertThat(cron.getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isEqualTo(5);
    assertThat(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
  }

  @Test
  void secretsAreEncodedAndNeverPrinted() {
    SecretSpec secret = SecretSpec.of("db", Map.of("password", "hunter2-very-secret"));
    assertThat(secret.toString()).doesNotContain("hunter2-very-secret").contains("****");
    AppSpec spec = AppSpec.builder().workload(Workloads.deployment("web").addContainer(ContainerSpec.builder()
        .from(app()).addEnv(EnvVarSpec.fromSecret("DB_PASSWORD", "db", "password")).build()).build())
        .addSecret(secret).build();
    assertThat(spec.toString()).doesNotContain("hunter2-very-secret");
    List<HasMetadata> all = Renderer.goldenPath().render(spec);
    Secret rendered = only(all, Secret.class);
    assertThat(rendered.getData()).containsEntry("password",
        java.util.Base64.getEncoder().encodeToString("hunter2-very-secret".getBytes()));
    assertThat(rendered.getImmutable()).isTrue();
    String ref = only(all, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0)
        .getValueFrom().getSecretKeyRef().getName();
    assertThat(ref).isEqualTo(rendered.getMetadata().getName()).startsWith("db-");
  }

  @Test
  void environmentOverlaysChangeOnlyWhatTheyName() {
    AppSpec base = AppSpec.builder().workload(web()).service(ServiceSpec.of(ServiceSpec.Type.CLUSTER_IP))
        .autoscaler(AutoscalerSpec.builder().minReplicas(2).maxReplicas(4).cpuUtilization(70).build()).build();
    EnvironmentOverlay prod = EnvironmentOverlay.builder().environment("prod").namespace("shop-prod")
        .image("registry.example.com/shop/web:1.5.0")
        .putResource("app", Resources.of("1", "1Gi"))
        .addEnv(EnvVarSpec.literal("LOG_LEVEL", "warn"))
        .autoscalerMin(6).autoscalerMax(30).build();
    Map<String, List<HasMetadata>> rendered = Renderer.goldenPath().render(base, List.of(
        EnvironmentOverlay.builder().environment("dev").build(), prod));
    assertThat(rendered).containsOnlyKeys("dev", "prod");
    Deployment dev = only(rendered.get("dev"), Deployment.class);
    Deployment p = only(rendered.get("prod"), Deployment.class);
    assertThat(dev.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(p.getMetadata().getNamespace()).isEqualTo("shop-prod");
    assertThat(p.getMetadata().getLabels()).containsEntry("keelson.dev/environment", "prod")
        .containsEntry("app.kubernetes.io/version", "1.5.0");
    var c = p.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.example.com/shop/web:1.5.0");
    assertThat(c.getResources().getRequests()).containsEntry("memory", new Quantity("1Gi"));
    assertThat(c.getEnv()).extracting(e -> e.getName()).containsExactly("LOG_LEVEL");
    HorizontalPodAutoscaler hpa = only(rendered.get("prod"), HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(30);
    assertThat(only(rendered.get("dev"), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0)
        .getImage()).isEqualTo("registry.example.com/shop/web:1.4.2");
    assertThatThrownBy(() -> base.forEnvironment(EnvironmentOverlay.builder().environment("bad")
        .namespace("Bad_NS").build())).isInstanceOf(SpecException.class).hasMessageContaining("namespace");
  }
}
