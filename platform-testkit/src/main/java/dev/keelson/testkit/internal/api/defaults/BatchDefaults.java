package dev.keelson.testkit.internal.api.defaults;

import tools.jackson.databind.node.ObjectNode;

/**
 * The batch/v1 API defaults, from {@code kubernetes/kubernetes — pkg/apis/batch/v1/defaults.go}
 * ({@code SetDefaults_Job}, {@code _CronJob}, {@code _PodFailurePolicyOnPodConditionsPattern}) as a v1.34 server
 * applies them (JobPodReplacementPolicy on), plus the pod spec defaults of the templates. A CronJob's job template
 * gets no Job defaults: {@code SetDefaults_Job} takes a Job, not a {@code JobTemplateSpec}.
 */
final class BatchDefaults {

  private BatchDefaults() {
  }

  static void apply(String kind, ObjectNode object) {
    ObjectNode spec = Fields.object(object, "spec");
    if (spec == null) {
      return;
    }
    switch (kind) {
      case "Job" -> job(object, spec);
      case "CronJob" -> cronJob(spec);
      default -> {
        return;
      }
    }
    PodSpecDefaults.template(PodTemplates.templateSpec("batch", kind, object));
  }

  private static void job(ObjectNode object, ObjectNode spec) {
    if (Fields.unset(spec, "completions") && Fields.unset(spec, "parallelism")) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    Fields.defaultInt(spec, "parallelism", 1);
    Fields.defaultInt(spec, "backoffLimit", Fields.unset(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
    ObjectNode templateLabels = Fields.object(Fields.object(Fields.object(spec, "template"), "metadata"), "labels");
    ObjectNode meta = Fields.ensure(object, "metadata");
    if (templateLabels != null && (Fields.object(meta, "labels") == null || meta.get("labels").isEmpty())) {
      meta.set("labels", templateLabels.deepCopy());
    }
    Fields.defaultText(spec, "completionMode", "NonIndexed");
    Fields.defaultBoolean(spec, "suspend", false);
    Fields.defaultText(spec, "podReplacementPolicy", Fields.unset(spec, "podFailurePolicy") ? "TerminatingOrFailed"
        : "Failed");
    Fields.defaultBoolean(spec, "manualSelector", false);
    for (ObjectNode rule : Fields.items(Fields.object(spec, "podFailurePolicy"), "rules")) {
      for (ObjectNode pattern : Fields.items(rule, "onPodConditions")) {
        Fields.defaultText(pattern, "status", "True");
      }
    }
  }

  private static void cronJob(ObjectNode spec) {
    Fields.defaultText(spec, "concurrencyPolicy", "Allow");
    Fields.defaultBoolean(spec, "suspend", false);
    Fields.defaultInt(spec, "successfulJobsHistoryLimit", 3);
    Fields.defaultInt(spec, "failedJobsHistoryLimit", 1);
  }
}
