package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The autoscaling API defaults of HorizontalPodAutoscalers: for v2 from
 * {@code kubernetes/kubernetes — pkg/apis/autoscaling/v2/defaults.go} (minReplicas 1; no metrics means CPU at 80%
 * average utilization; a {@code behavior} that is set gets every unset rule filled with the built-in scale-up and
 * scale-down rules), for v1 from {@code pkg/apis/autoscaling/v1/defaults.go} (minReplicas 1). The v1.35
 * {@code selectionStrategy} default is left out: a v1.34 server has no such field.
 */
final class AutoscalingDefaults {

  /** {@code autoscaling.DefaultCPUUtilization}. */
  private static final int DEFAULT_CPU_UTILIZATION = 80;

  private AutoscalingDefaults() {
  }

  static void apply(String version, String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    if (!kind.equals("HorizontalPodAutoscaler") || spec == null) {
      return;
    }
    Fields.defaultInt(spec, "minReplicas", 1);
    if (!version.equals("v2")) {
      return;
    }
    if (!(spec.get("metrics") instanceof ArrayNode metrics) || metrics.isEmpty()) {
      ObjectNode resource = spec.putArray("metrics").addObject().put("type", "Resource").putObject("resource");
      resource.put("name", "cpu");
      resource.putObject("target").put("type", "Utilization").put("averageUtilization", DEFAULT_CPU_UTILIZATION);
    }
    ObjectNode behavior = Fields.object(spec, "behavior");
    if (behavior != null) {
      scaleUp(Fields.ensure(behavior, "scaleUp"));
      scaleDown(Fields.ensure(behavior, "scaleDown"));
    }
  }

  /** {@code GenerateHPAScaleUpRules}: no stabilization, the larger of 4 pods or 100% per 15 s. */
  private static void scaleUp(ObjectNode rules) {
    Fields.defaultInt(rules, "stabilizationWindowSeconds", 0);
    Fields.defaultText(rules, "selectPolicy", "Max");
    if (Fields.unset(rules, "policies")) {
      ArrayNode policies = rules.putArray("policies");
      policies.addObject().put("type", "Pods").put("value", 4).put("periodSeconds", 15);
      policies.addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
    }
  }

  /** {@code GenerateHPAScaleDownRules}: 100% per 15 s; the window stays unset (the controller's flag decides). */
  private static void scaleDown(ObjectNode rules) {
    Fields.defaultText(rules, "selectPolicy", "Max");
    if (Fields.unset(rules, "policies")) {
      rules.putArray("policies").addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
    }
  }
}
