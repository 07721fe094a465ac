package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The networking.k8s.io/v1 API defaults, from {@code kubernetes/kubernetes — pkg/apis/networking/v1/defaults.go}:
 * a NetworkPolicy without policyTypes is an Ingress policy (and an Egress one when it has egress rules), ports are
 * TCP, and an IngressClass's parameters are cluster-scoped.
 */
final class NetworkingDefaults {

  private NetworkingDefaults() {
  }

  static void apply(String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    if (spec == null) {
      return;
    }
    if (kind.equals("NetworkPolicy")) {
      if (!(spec.get("policyTypes") instanceof ArrayNode types) || types.isEmpty()) {
        ArrayNode types = spec.putArray("policyTypes").add("Ingress");
        if (spec.get("egress") instanceof ArrayNode egress && !egress.isEmpty()) {
          types.add("Egress");
        }
      }
      for (String direction : new String[] {"ingress", "egress"}) {
        for (ObjectNode rule : Fields.items(spec, direction)) {
          Fields.items(rule, "ports").forEach(p -> Fields.defaultText(p, "protocol", "TCP"));
        }
      }
    } else if (kind.equals("IngressClass")) {
      ObjectNode parameters = Fields.object(spec, "parameters");
      if (parameters != null) {
        Fields.defaultText(parameters, "scope", "Cluster");
      }
    }
  }
}
