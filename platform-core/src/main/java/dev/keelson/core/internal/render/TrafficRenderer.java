package dev.keelson.core.internal.render;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.GatewayRef;
import dev.keelson.core.app.HttpRouteSpec;
import dev.keelson.core.app.IngressSpec;
import dev.keelson.core.app.RoutePath;
import dev.keelson.core.app.ServicePort;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.workload.StatefulSetSpec;
import dev.keelson.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders how traffic reaches an app: its Service(s), Ingresses and HTTPRoutes. */
final class TrafficRenderer {

  private final RenderContext ctx;

  TrafficRenderer(RenderContext ctx) {
    this.ctx = ctx;
  }

  List<HasMetadata> render(AppSpec app) {
    List<HasMetadata> out = new ArrayList<>();
    if (app.service().isEmpty()) {
      return out;
    }
    WorkloadSpec w = app.workload();
    ServiceSpec service = app.service().get();
    String serviceName = service.name().orElse(app.name());
    Map<String, Integer> ports = servicePorts(service, w);
    out.add(service(w, serviceName, service.type(), service, ports));
    if (w instanceof StatefulSetSpec s && !(s.governingService().equals(serviceName)
        && service.type() == ServiceSpec.Type.HEADLESS)) {
      // A StatefulSet needs a headless governing Service for its pods' stable DNS names.
      out.add(service(w, s.governingService(), ServiceSpec.Type.HEADLESS, service, ports));
    }
    for (IngressSpec in : app.ingresses()) {
      out.add(ingress(w, app.name(), serviceName, in));
    }
    for (HttpRouteSpec r : app.routes()) {
      out.add(route(w, app.name(), serviceName, r, ports));
    }
    return out;
  }

  /** Service port number by port name, in Service order. */
  private static Map<String, Integer> servicePorts(ServiceSpec service, WorkloadSpec w) {
    Map<String, Port> container = AppPorts.containerPorts(w);
    Map<String, Integer> out = new LinkedHashMap<>();
    if (service.ports().isEmpty()) {
      container.forEach((name, p) -> out.put(name, p.number()));
    } else {
      for (ServicePort p : service.ports()) {
        out.put(p.name(), p.port().orElse(container.get(p.name()).number()));
      }
    }
    return out;
  }

  private HasMetadata service(WorkloadSpec w, String name, ServiceSpec.Type type, ServiceSpec service,
      Map<String, Integer> ports) {
    ctx.beginObject();
    Map<String, Port> container = AppPorts.containerPorts(w);
    var spec = new ServiceBuilder()
        .withMetadata(AppRenderer.meta(w, name, ctx, service.annotations()))
        .withNewSpec()
        .withSelector(AppLabels.selector(w));
    switch (type) {
      case CLUSTER_IP -> spec.withType("ClusterIP");
      case HEADLESS -> spec.withType("ClusterIP").withClusterIP("None");
      case NODE_PORT -> spec.withType("NodePort");
      case LOAD_BALANCER -> spec.withType("LoadBalancer");
      default -> throw new IllegalStateException(type.toString());
    }
    ports.forEach((portName, number) -> {
      Integer nodePort = service.ports().stream().filter(p -> p.name().equals(portName)).findFirst()
          .flatMap(ServicePort::nodePort).filter(np -> type == ServiceSpec.Type.NODE_PORT
              || type == ServiceSpec.Type.LOAD_BALANCER).orElse(null);
      spec.addNewPort().withName(portName).withPort(number).withTargetPort(new IntOrString(portName))
          .withProtocol(container.get(portName).protocol().name()).withNodePort(nodePort).endPort();
    });
    return spec.endSpec().build();
  }

  private HasMetadata ingress(WorkloadSpec w, String appName, String serviceName, IngressSpec in) {
    ctx.beginObject();
    List<HTTPIngressPath> paths = new ArrayList<>();
    for (RoutePath p : in.paths()) {
      paths.add(new HTTPIngressPathBuilder().withPath(p.path())
          .withPathType(p.match() == RoutePath.Match.EXACT ? "Exact" : "Prefix")
          .withNewBackend().withNewService().withName(serviceName).withNewPort().withName(p.portName()).endPort()
          .endService().endBackend().build());
    }
    var spec = new IngressBuilder()
        .withMetadata(AppRenderer.meta(w, in.name().orElse(appName), ctx, in.annotations()))
        .withNewSpec()
        .withIngressClassName(in.className().orElse(null))
        .addNewRule().withHost(in.host()).withNewHttp().withPaths(paths).endHttp().endRule();
    in.tlsSecret().ifPresent(secret -> spec.addNewTl().withHosts(in.host()).withSecretName(secret).endTl());
    return spec.endSpec().build();
  }

  private HasMetadata route(WorkloadSpec w, String appName, String serviceName, HttpRouteSpec r,
      Map<String, Integer> ports) {
    ctx.beginObject();
    List<ParentReference> parents = new ArrayList<>();
    for (GatewayRef g : r.parents()) {
      parents.add(new ParentReferenceBuilder().withName(g.name()).withNamespace(g.namespace().orElse(null))
          .withSectionName(g.sectionName().orElse(null)).build());
    }
    List<HTTPRouteRule> rules = new ArrayList<>();
    for (RoutePath p : r.paths()) {
      rules.add(new HTTPRouteRuleBuilder()
          .addNewMatch().withNewPath().withType(p.match() == RoutePath.Match.EXACT ? "Exact" : "PathPrefix")
          .withValue(p.path()).endPath().endMatch()
          .withBackendRefs(new HTTPBackendRefBuilder().withName(serviceName).withPort(ports.get(p.portName()))
              .build())
          .build());
    }
    return new HTTPRouteBuilder()
        .withMetadata(AppRenderer.meta(w, r.name().orElse(appName), ctx))
        .withNewSpec()
        .withParentRefs(parents)
        .withHostnames(r.hostnames())
        .withRules(rules)
        .endSpec()
        .build();
  }
}
