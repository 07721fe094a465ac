package dev.keelson.testkit.internal.api;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one part of batch/v1 validation the simulation needs because defaulting makes it matter: a Job's pods must not
 * restart in place, so its template's {@code restartPolicy} (which pod spec defaulting sets to {@code Always} when
 * unset) must be {@code OnFailure} or {@code Never} ({@code kubernetes/kubernetes —
 * pkg/apis/batch/validation/validation.go}, {@code validateJobSpec}). Applies to CronJob job templates too.
 */
final class JobValidation {

  private JobValidation() {
  }

  /** Rejects a Job or CronJob whose pod template may restart its containers in place; others pass. */
  static void validate(ResourceType type, ObjectNode object) {
    if (!type.group().equals("batch")) {
      return;
    }
    String path;
    ObjectNode jobSpec;
    if (type.kind().equals("Job")) {
      path = "spec.template.spec.restartPolicy";
      jobSpec = Json.objectAt(object, "spec");
    } else if (type.kind().equals("CronJob")) {
      path = "spec.jobTemplate.spec.template.spec.restartPolicy";
      jobSpec = Json.objectAt(object, "spec", "jobTemplate", "spec");
    } else {
      return;
    }
    String policy = jobSpec == null ? null : Json.text(jobSpec, "template", "spec", "restartPolicy");
    if (policy == null || policy.equals("OnFailure") || policy.equals("Never")) {
      return;
    }
    String name = Json.text(object, "metadata", "name");
    String detail = "Unsupported value: \"" + policy + "\": supported values: \"OnFailure\", \"Never\"";
    throw new ApiException(422, "Invalid", type.kind() + ".batch \"" + name + "\" is invalid: " + path + ": "
        + detail, type.kind(), name, List.of(new ApiException.Cause("FieldValueNotSupported", detail, path)), null);
  }
}
