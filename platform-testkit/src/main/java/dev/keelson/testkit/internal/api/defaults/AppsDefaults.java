package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.node.ObjectNode;

/**
 * The apps/v1 API defaults, from {@code kubernetes/kubernetes — pkg/apis/apps/v1/defaults.go}
 * ({@code SetDefaults_Deployment}, {@code _DaemonSet}, {@code _StatefulSet}, {@code _ReplicaSet}), plus the pod spec
 * defaults of every template and the claim defaults of StatefulSet claim templates.
 */
final class AppsDefaults {

  private AppsDefaults() {
  }

  static void apply(String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    if (spec == null) {
      return;
    }
    switch (kind) {
      case "Deployment" -> deployment(spec);
      case "DaemonSet" -> daemonSet(spec);
      case "StatefulSet" -> statefulSet(spec);
      case "ReplicaSet" -> Fields.defaultInt(spec, "replicas", 1);
      default -> {
        return;
      }
    }
    PodSpecDefaults.template(PodTemplates.templateSpec("apps", kind, object));
  }

  private static void deployment(ObjectNode spec) {
    Fields.defaultInt(spec, "replicas", 1);
    ObjectNode strategy = Fields.ensure(spec, "strategy");
    Fields.defaultText(strategy, "type", "RollingUpdate");
    if (strategy.get("type").asString().equals("RollingUpdate")) {
      ObjectNode rollingUpdate = Fields.ensure(strategy, "rollingUpdate");
      Fields.defaultText(rollingUpdate, "maxUnavailable", "25%");
      Fields.defaultText(rollingUpdate, "maxSurge", "25%");
    }
    Fields.defaultInt(spec, "revisionHistoryLimit", 10);
    Fields.defaultInt(spec, "progressDeadlineSeconds", 600);
  }

  private static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = Fields.ensure(spec, "updateStrategy");
    Fields.defaultText(strategy, "type", "RollingUpdate");
    if (strategy.get("type").asString().equals("RollingUpdate")) {
      ObjectNode rollingUpdate = Fields.ensure(strategy, "rollingUpdate");
      Fields.defaultInt(rollingUpdate, "maxUnavailable", 1);
      Fields.defaultInt(rollingUpdate, "maxSurge", 0);
    }
    Fields.defaultInt(spec, "revisionHistoryLimit", 10);
  }

  private static void statefulSet(ObjectNode spec) {
    Fields.defaultText(spec, "podManagementPolicy", "OrderedReady");
    ObjectNode strategy = Fields.ensure(spec, "updateStrategy");
    if (Fields.unset(strategy, "type")) {
      strategy.put("type", "RollingUpdate");
      // Only a strategy that had no type gets a rollingUpdate allocated.
      Fields.ensure(strategy, "rollingUpdate");
    }
    ObjectNode rollingUpdate = Fields.object(strategy, "rollingUpdate");
    if (strategy.get("type").asString().equals("RollingUpdate") && rollingUpdate != null) {
      Fields.defaultInt(rollingUpdate, "partition", 0);
    }
    // StatefulSetAutoDeletePVC is GA (v1.32): the retention policy is always defaulted.
    ObjectNode retention = Fields.ensure(spec, "persistentVolumeClaimRetentionPolicy");
    Fields.defaultText(retention, "whenDeleted", "Retain");
    Fields.defaultText(retention, "whenScaled", "Retain");
    Fields.defaultInt(spec, "replicas", 1);
    Fields.defaultInt(spec, "revisionHistoryLimit", 10);
    for (ObjectNode claim : Fields.items(spec, "volumeClaimTemplates")) {
      ObjectNode claimSpec = Fields.object(claim, "spec");
      if (claimSpec != null) {
        CoreDefaults.claimSpec(claimSpec);
      }
    }
  }
}
