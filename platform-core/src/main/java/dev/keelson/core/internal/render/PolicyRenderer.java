package dev.keelson.core.internal.render;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.DisruptionBudgetSpec;
import dev.keelson.core.app.MetricTarget;
import dev.keelson.core.app.NetworkPolicySpec;
import dev.keelson.core.app.PeerSpec;
import dev.keelson.core.app.ScalingPolicy;
import dev.keelson.core.app.ServicePort;
import dev.keelson.core.defaults.Default;
import dev.keelson.core.spec.Port;
import dev.keelson.core.workload.DeploymentSpec;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Renders an app's autoscaler, disruption budget and network policy. */
final class PolicyRenderer {

  private final RenderContext ctx;

  PolicyRenderer(RenderContext ctx) {
    this.ctx = ctx;
  }

  List<HasMetadata> render(AppSpec app) {
    List<HasMetadata> out = new ArrayList<>();
    WorkloadSpec w = app.workload();
    app.autoscaler().ifPresent(a -> out.add(autoscaler(w, a)));
    disruptionBudget(app).ifPresent(out::add);
    networkPolicy(app).ifPresent(out::add);
    return out;
  }

  private HasMetadata autoscaler(WorkloadSpec w, AutoscalerSpec a) {
    ctx.beginObject();
    List<MetricSpec> metrics = new ArrayList<>();
    a.cpuUtilization().ifPresent(u -> metrics.add(resourceMetric("cpu", u)));
    a.memoryUtilization().ifPresent(u -> metrics.add(resourceMetric("memory", u)));
    for (MetricTarget m : a.metrics()) {
      var selector = m.selector().isEmpty() ? null
          : new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(m.selector())).build();
      MetricSpecBuilder b = new MetricSpecBuilder();
      if (m.source() == MetricTarget.Source.PODS) {
        b.withType("Pods").withNewPods().withNewMetric().withName(m.metric()).withSelector(selector).endMetric()
            .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(m.averageValue())).endTarget()
            .endPods();
      } else {
        b.withType("External").withNewExternal().withNewMetric().withName(m.metric()).withSelector(selector).endMetric()
            .withNewTarget().withType("AverageValue").withAverageValue(new Quantity(m.averageValue())).endTarget()
            .endExternal();
      }
      metrics.add(b.build());
    }
    var spec = new HorizontalPodAutoscalerBuilder()
        .withMetadata(AppRenderer.meta(w, w.name(), ctx))
        .withNewSpec()
        .withNewScaleTargetRef("apps/v1", w.kind(), w.name())
        .withMinReplicas(a.minReplicas())
        .withMaxReplicas(a.maxReplicas())
        .withMetrics(metrics);
    HPAScalingRules up = rules(a.scaleUpStabilizationSeconds(), a.scaleUpPolicies());
    HPAScalingRules down = rules(a.scaleDownStabilizationSeconds(), a.scaleDownPolicies());
    if (up != null || down != null) {
      spec.withNewBehavior().withScaleUp(up).withScaleDown(down).endBehavior();
    }
    return spec.endSpec().build();
  }

  private static MetricSpec resourceMetric(String resource, int utilization) {
    return new MetricSpecBuilder().withType("Resource").withNewResource().withName(resource)
        .withNewTarget().withType("Utilization").withAverageUtilization(utilization).endTarget()
        .endResource().build();
  }

  private static HPAScalingRules rules(Optional<Integer> stabilization, List<ScalingPolicy> policies) {
    if (stabilization.isEmpty() && policies.isEmpty()) {
      return null;
    }
    List<HPAScalingPolicy> out = new ArrayList<>();
    for (ScalingPolicy p : policies) {
      out.add(new HPAScalingPolicyBuilder().withType(p.unit() == ScalingPolicy.Unit.PODS ? "Pods" : "Percent")
          .withValue(p.value()).withPeriodSeconds(p.periodSeconds()).build());
    }
    return new HPAScalingRulesBuilder().withStabilizationWindowSeconds(stabilization.orElse(null))
        .withPolicies(out).build();
  }

  private Optional<HasMetadata> disruptionBudget(AppSpec app) {
    WorkloadSpec w = app.workload();
    ctx.beginObject();
    DisruptionBudgetSpec budget;
    if (app.disruptionBudget().isPresent()) {
      budget = app.disruptionBudget().get();
    } else if (ctx.on(Default.DISRUPTION_BUDGET) && minimumReplicas(app) >= 2) {
      budget = DisruptionBudgetSpec.maxUnavailable("1");
      ctx.applied(Default.DISRUPTION_BUDGET);
    } else {
      return Optional.empty();
    }
    return Optional.of(new PodDisruptionBudgetBuilder()
        .withMetadata(AppRenderer.meta(w, w.name(), ctx))
        .withNewSpec()
        .withMaxUnavailable(budget.maxUnavailable().map(WorkloadRenderer::intOrPercent).orElse(null))
        .withMinAvailable(budget.minAvailable().map(WorkloadRenderer::intOrPercent).orElse(null))
        .withUnhealthyPodEvictionPolicy(budget.unhealthyPodEvictionPolicy().orElse(null))
        .withNewSelector().withMatchLabels(AppLabels.selector(w)).endSelector()
        .endSpec()
        .build());
  }

  /** The fewest replicas the app runs with: the HPA minimum when autoscaled. */
  private static int minimumReplicas(AppSpec app) {
    if (app.autoscaler().isPresent()) {
      return app.autoscaler().get().minReplicas();
    }
    if (app.workload() instanceof DeploymentSpec d) {
      return d.replicas();
    }
    if (app.workload() instanceof StatefulSetSpec s) {
      return s.replicas();
    }
    return 0;
  }

  private Optional<HasMetadata> networkPolicy(AppSpec app) {
    WorkloadSpec w = app.workload();
    ctx.beginObject();
    NetworkPolicySpec policy;
    if (app.networkPolicy().isPresent()) {
      policy = app.networkPolicy().get();
    } else if (ctx.on(Default.NETWORK_POLICY) && w.longRunning()) {
      policy = NetworkPolicySpec.sameNamespace();
      ctx.applied(Default.NETWORK_POLICY);
    } else {
      return Optional.empty();
    }
    List<NetworkPolicyPort> ports = ingressPorts(app);
    List<NetworkPolicyPeer> from = new ArrayList<>();
    if (policy.ingressFrom().isEmpty()) {
      from.add(new NetworkPolicyPeerBuilder().withNewPodSelector().endPodSelector().build());
    } else {
      policy.ingressFrom().forEach(p -> from.add(peer(p)));
    }
    var spec = new NetworkPolicyBuilder()
        .withMetadata(AppRenderer.meta(w, w.name(), ctx))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(AppLabels.selector(w)).endPodSelector()
        .addNewIngress().withFrom(from).withPorts(ports).endIngress();
    if (policy.restrictEgress()) {
      spec.withPolicyTypes("Ingress", "Egress").withEgress(egress(policy));
    } else {
      spec.withPolicyTypes("Ingress");
    }
    return Optional.of(spec.endSpec().build());
  }

  /** The container ports behind the Service, or every named port when the app has no Service. */
  private static List<NetworkPolicyPort> ingressPorts(AppSpec app) {
    Map<String, Port> container = AppPorts.containerPorts(app.workload());
    List<String> names = new ArrayList<>(container.keySet());
    if (app.service().isPresent() && !app.service().get().ports().isEmpty()) {
      names = app.service().get().ports().stream().map(ServicePort::name).toList();
    }
    List<NetworkPolicyPort> out = new ArrayList<>();
    for (String name : names) {
      Port p = container.get(name);
      out.add(new NetworkPolicyPortBuilder().withProtocol(p.protocol().name()).withPort(new IntOrString(p.number()))
          .build());
    }
    return out;
  }

  private static List<NetworkPolicyEgressRule> egress(NetworkPolicySpec policy) {
    List<NetworkPolicyEgressRule> out = new ArrayList<>();
    if (policy.allowDns()) {
      out.add(new NetworkPolicyEgressRuleBuilder()
          .addNewTo()
          .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
          .endNamespaceSelector()
          .withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector()
          .endTo()
          .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
          .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
          .build());
    }
    if (!policy.egressTo().isEmpty()) {
      List<NetworkPolicyPeer> to = new ArrayList<>();
      policy.egressTo().forEach(p -> to.add(peer(p)));
      out.add(new NetworkPolicyEgressRuleBuilder().withTo(to).build());
    }
    return out;
  }

  private static NetworkPolicyPeer peer(PeerSpec p) {
    NetworkPolicyPeerBuilder b = new NetworkPolicyPeerBuilder();
    if (p.cidr().isPresent()) {
      return b.withNewIpBlock().withCidr(p.cidr().get()).withExcept(p.except()).endIpBlock().build();
    }
    if (!p.namespaceLabels().isEmpty()) {
      b.withNewNamespaceSelector().withMatchLabels(new TreeMap<>(p.namespaceLabels())).endNamespaceSelector();
    }
    if (!p.podLabels().isEmpty()) {
      b.withNewPodSelector().withMatchLabels(new TreeMap<>(p.podLabels())).endPodSelector();
    }
    return b.build();
  }
}
