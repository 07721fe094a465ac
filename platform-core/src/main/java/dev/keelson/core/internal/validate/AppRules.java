package dev.keelson.core.internal.validate;

import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.AutoscalerSpec;
import dev.keelson.core.app.ConfigMapSpec;
import dev.keelson.core.app.DisruptionBudgetSpec;
import dev.keelson.core.app.GatewayRef;
import dev.keelson.core.app.HttpRouteSpec;
import dev.keelson.core.app.IngressSpec;
import dev.keelson.core.app.MetricTarget;
import dev.keelson.core.app.NetworkPolicySpec;
import dev.keelson.core.app.PeerSpec;
import dev.keelson.core.app.RoutePath;
import dev.keelson.core.app.ScalingPolicy;
import dev.keelson.core.app.SecretSpec;
import dev.keelson.core.app.ServicePort;
import dev.keelson.core.app.ServiceSpec;
import dev.keelson.core.internal.render.AppPorts;
import dev.keelson.core.spec.Port;
import dev.keelson.core.validation.Names;
import dev.keelson.core.workload.CronJobSpec;
import dev.keelson.core.workload.DaemonSetSpec;
import dev.keelson.core.workload.JobSpec;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates an {@link AppSpec}: the parts around the (already valid) workload and how they refer to it. */
public final class AppRules {

  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern CIDR = Pattern.compile(
      "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/(3[0-2]|[12]?[0-9])"
          + "|[0-9a-fA-F:]+:[0-9a-fA-F:]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])");

  private AppRules() {
  }

  public static void requireValid(AppSpec app) {
    Checks root = Checks.root();
    if (!root.at("workload").required(app.workload())) {
      root.throwIfAny("AppSpec");
    }
    WorkloadSpec workload = app.workload();
    Map<String, Port> containerPorts = AppPorts.containerPorts(workload);
    Set<String> servicePorts = new HashSet<>();
    app.service().ifPresent(s -> servicePorts.addAll(service(root.at("service"), s, containerPorts)));
    if (app.service().isEmpty() && (!app.ingresses().isEmpty() || !app.routes().isEmpty())) {
      root.at("service").fail("service-for-routes", "ingresses and routes need the app to have a service");
    }
    for (int i = 0; i < app.ingresses().size(); i++) {
      ingress(root.item("ingresses", i), app.ingresses().get(i), servicePorts);
    }
    for (int i = 0; i < app.routes().size(); i++) {
      route(root.item("routes", i), app.routes().get(i), servicePorts);
    }
    configs(root, app.configMaps(), app.secrets());
    app.autoscaler().ifPresent(a -> autoscaler(root.at("autoscaler"), a, workload));
    app.disruptionBudget().ifPresent(p -> disruptionBudget(root.at("disruptionBudget"), p, workload));
    app.networkPolicy().ifPresent(n -> networkPolicy(root.at("networkPolicy"), n));
    root.throwIfAny("AppSpec " + Checks.quote(app.name()));
  }

  private static Set<String> service(Checks at, ServiceSpec s, Map<String, Port> containerPorts) {
    s.name().ifPresent(n -> at.at("name").dns1035Label(n));
    at.at("annotations").annotations(s.annotations());
    Set<String> names = new HashSet<>();
    if (s.ports().isEmpty()) {
      if (containerPorts.isEmpty()) {
        at.at("ports").fail("service-ports", "the workload declares no named container ports to expose");
      }
      names.addAll(containerPorts.keySet());
      return names;
    }
    Set<Integer> numbers = new HashSet<>();
    for (int i = 0; i < s.ports().size(); i++) {
      ServicePort p = s.ports().get(i);
      Checks here = at.item("ports", p.name() == null ? Integer.toString(i) : p.name());
      if (!here.at("name").required(p.name())) {
        continue;
      }
      Port target = containerPorts.get(p.name());
      if (target == null) {
        here.at("name").fail("known-port", "\"" + p.name() + "\" is not a named container port; ports: "
            + containerPorts.keySet());
        continue;
      }
      names.add(p.name());
      int number = p.port().orElse(target.number());
      here.at("port").port(number);
      if (!numbers.add(number)) {
        here.at("port").fail("unique-port", "duplicate service port " + number);
      }
      p.nodePort().ifPresent(np -> {
        if (s.type() != ServiceSpec.Type.NODE_PORT && s.type() != ServiceSpec.Type.LOAD_BALANCER) {
          here.at("nodePort").fail("node-port-type", "only valid for NODE_PORT and LOAD_BALANCER services");
        }
        here.at("nodePort").port(np);
      });
    }
    return names;
  }

  private static void ingress(Checks at, IngressSpec in, Set<String> servicePorts) {
    in.name().ifPresent(n -> at.at("name").dnsSubdomain(n));
    in.className().ifPresent(n -> at.at("className").dnsSubdomain(n));
    Checks host = at.at("host");
    if (host.required(in.host())) {
      String h = in.host().startsWith("*.") ? in.host().substring(2) : in.host();
      host.rule("host", in.host(), Names.dns1123Subdomain(h));
    }
    in.tlsSecret().ifPresent(n -> at.at("tlsSecret").dnsSubdomain(n));
    at.at("annotations").annotations(in.annotations());
    paths(at, in.paths(), servicePorts);
  }

  private static void route(Checks at, HttpRouteSpec r, Set<String> servicePorts) {
    r.name().ifPresent(n -> at.at("name").dnsSubdomain(n));
    if (r.parents().isEmpty()) {
      at.at("parents").fail("required", "an HTTPRoute needs at least one parent Gateway");
    }
    for (int i = 0; i < r.parents().size(); i++) {
      GatewayRef g = r.parents().get(i);
      Checks here = at.item("parents", i);
      here.at("name").dnsSubdomain(g.name());
      g.namespace().ifPresent(ns -> here.at("namespace").dnsLabel(ns));
    }
    for (int i = 0; i < r.hostnames().size(); i++) {
      String h = r.hostnames().get(i);
      at.item("hostnames", i).rule("host", h, Names.dns1123Subdomain(h.startsWith("*.") ? h.substring(2) : h));
    }
    paths(at, r.paths(), servicePorts);
  }

  private static void paths(Checks at, List<RoutePath> paths, Set<String> servicePorts) {
    if (paths.isEmpty()) {
      at.at("paths").fail("required", "at least one path is required");
    }
    for (int i = 0; i < paths.size(); i++) {
      RoutePath p = paths.get(i);
      Checks here = at.item("paths", i);
      if (here.at("path").required(p.path()) && !p.path().startsWith("/")) {
        here.at("path").fail("absolute-path", "must start with '/', got \"" + p.path() + "\"");
      }
      if (here.at("portName").required(p.portName()) && !servicePorts.contains(p.portName())) {
        here.at("portName").fail("known-port", "\"" + p.portName() + "\" is not a port of the app's service; ports: "
            + servicePorts);
      }
    }
  }

  private static void configs(Checks root, List<ConfigMapSpec> configMaps, List<SecretSpec> secrets) {
    Set<String> names = new HashSet<>();
    for (ConfigMapSpec c : configMaps) {
      Checks here = root.item("configMaps", c.name());
      here.at("name").dnsSubdomain(c.name());
      if (c.name() != null && !names.add("cm/" + c.name())) {
        here.at("name").fail("unique-config-name", "duplicate config map \"" + c.name() + "\"");
      }
      c.data().keySet().forEach(k -> configKey(here.at("data"), k));
    }
    for (SecretSpec s : secrets) {
      Checks here = root.item("secrets", s.name());
      here.at("name").dnsSubdomain(s.name());
      if (s.name() != null && !names.add("secret/" + s.name())) {
        here.at("name").fail("unique-secret-name", "duplicate secret \"" + s.name() + "\"");
      }
      s.data().keySet().forEach(k -> configKey(here.at("data"), k));
    }
  }

  private static void configKey(Checks at, String key) {
    if (key.isEmpty() || key.length() > 253 || !CONFIG_KEY.matcher(key).matches()) {
      at.item("", key).fail("config-key", "a valid config key must consist of alphanumeric characters, '-', '_' "
          + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
          + "'[-._a-zA-Z0-9]+')");
    }
  }

  private static void autoscaler(Checks at, AutoscalerSpec a, WorkloadSpec workload) {
    if (workload instanceof DaemonSetSpec || workload instanceof JobSpec || workload instanceof CronJobSpec) {
      at.fail("scalable-workload", "a " + workload.kind() + " cannot be autoscaled");
    }
    at.at("minReplicas").atLeast(a.minReplicas(), 1);
    at.at("maxReplicas").atLeast(a.maxReplicas(), 1);
    if (a.minReplicas() > a.maxReplicas()) {
      at.at("minReplicas").fail("hpa-min-max", "must be less than or equal to maxReplicas (" + a.maxReplicas()
          + "), got " + a.minReplicas());
    }
    a.cpuUtilization().ifPresent(v -> at.at("cpuUtilization").atLeast(v, 1));
    a.memoryUtilization().ifPresent(v -> at.at("memoryUtilization").atLeast(v, 1));
    if (a.cpuUtilization().isEmpty() && a.memoryUtilization().isEmpty() && a.metrics().isEmpty()) {
      at.fail("hpa-metric", "an autoscaler needs at least one metric (cpuUtilization, memoryUtilization or metrics)");
    }
    for (int i = 0; i < a.metrics().size(); i++) {
      MetricTarget m = a.metrics().get(i);
      Checks here = at.item("metrics", i);
      here.at("metric").required(m.metric());
      here.at("averageValue").quantity(m.averageValue());
      here.at("selector").labels(m.selector());
    }
    a.scaleUpStabilizationSeconds().ifPresent(v -> stabilization(at.at("scaleUpStabilizationSeconds"), v));
    a.scaleDownStabilizationSeconds().ifPresent(v -> stabilization(at.at("scaleDownStabilizationSeconds"), v));
    policies(at, "scaleUpPolicies", a.scaleUpPolicies());
    policies(at, "scaleDownPolicies", a.scaleDownPolicies());
  }

  private static void stabilization(Checks at, int seconds) {
    at.atLeast(seconds, 0);
    if (seconds > 3600) {
      at.fail("hpa-stabilization", "must be less than or equal to 3600, got " + seconds);
    }
  }

  private static void policies(Checks at, String field, List<ScalingPolicy> policies) {
    for (int i = 0; i < policies.size(); i++) {
      ScalingPolicy p = policies.get(i);
      Checks here = at.item(field, i);
      here.at("value").atLeast(p.value(), 1);
      here.at("periodSeconds").atLeast(p.periodSeconds(), 1);
      if (p.periodSeconds() > 1800) {
        here.at("periodSeconds").fail("hpa-policy-period", "must be less than or equal to 1800, got "
            + p.periodSeconds());
      }
    }
  }

  private static void disruptionBudget(Checks at, DisruptionBudgetSpec p, WorkloadSpec workload) {
    if (!workload.longRunning()) {
      at.fail("pdb-workload", "a " + workload.kind() + " does not take a disruption budget");
    }
    if (p.maxUnavailable().isPresent() == p.minAvailable().isPresent()) {
      at.fail("pdb-one-of", "give exactly one of maxUnavailable and minAvailable");
    }
    p.maxUnavailable().ifPresent(v -> at.at("maxUnavailable").intOrPercent(v));
    p.minAvailable().ifPresent(v -> at.at("minAvailable").intOrPercent(v));
    p.unhealthyPodEvictionPolicy().filter(v -> !v.equals("IfHealthyBudget") && !v.equals("AlwaysAllow"))
        .ifPresent(v -> at.at("unhealthyPodEvictionPolicy").fail("pdb-eviction-policy",
            "must be IfHealthyBudget or AlwaysAllow, got \"" + v + "\""));
  }

  private static void networkPolicy(Checks at, NetworkPolicySpec n) {
    peers(at, "ingressFrom", n.ingressFrom());
    peers(at, "egressTo", n.egressTo());
    if (!n.restrictEgress() && !n.egressTo().isEmpty()) {
      at.at("egressTo").fail("egress-restricted-only", "egress peers only take effect with restrictEgress");
    }
  }

  private static void peers(Checks at, String field, List<PeerSpec> peers) {
    for (int i = 0; i < peers.size(); i++) {
      PeerSpec p = peers.get(i);
      Checks here = at.item(field, i);
      here.at("namespaceLabels").labels(p.namespaceLabels());
      here.at("podLabels").labels(p.podLabels());
      Optional<String> cidr = p.cidr();
      if (cidr.isPresent() && (!p.namespaceLabels().isEmpty() || !p.podLabels().isEmpty())) {
        here.fail("peer-one-of", "an IP block peer cannot also select namespaces or pods");
      }
      cidr.filter(c -> !CIDR.matcher(c).matches()).ifPresent(c -> here.at("cidr")
          .fail("cidr", "\"" + c + "\" is not a valid CIDR"));
      p.except().stream().filter(c -> !CIDR.matcher(c).matches()).forEach(c -> here.at("except")
          .fail("cidr", "\"" + c + "\" is not a valid CIDR"));
    }
  }
}
