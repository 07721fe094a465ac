package dev.keelson.testkit.internal.api;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Eviction subresource ({@code POST .../pods/{name}/eviction}) with PodDisruptionBudget semantics: refuses
 * with 429 when the budget allows no disruption, charges the budget and deletes the pod otherwise.
 */
public final class Eviction {

  private final ApiServer api;

  public Eviction(ApiServer api) {
    this.api = api;
  }

  /** Evicts the pod; returns the Success status, or throws the refusal. */
  public ObjectNode evict(String namespace, String name, ObjectNode body, boolean dryRun) {
    ResourceType pods = api.type("v1", "Pod");
    ResourceType pdbs = api.type("policy/v1", "PodDisruptionBudget");
    String inBody = body == null ? null : Json.text(body, "metadata", "name");
    if (inBody != null && !inBody.equals(name)) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    ObjectNode pod = api.get(pods, namespace, name);
    String phase = Json.text(pod, "status", "phase");
    boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase) || "Pending".equals(phase)
        || phase == null || pod.path("metadata").has("deletionTimestamp");
    if (terminal) {
      return delete(pods, namespace, name, dryRun);
    }
    List<ObjectNode> budgets = PodDisruption.budgetsFor(api.store(), pdbs, pod);
    if (budgets.size() > 1) {
      // Kubernetes writes this Failure status with HTTP 201 and client-go raises it as a 500; fabric8 only looks at
      // the HTTP code, so the simulation answers 500 for it to be seen at all.
      throw new ApiException(500, null, "This pod has more than one PodDisruptionBudget, which the eviction "
          + "subresource does not support.", null, null, List.of(), null);
    }
    if (budgets.isEmpty()) {
      return delete(pods, namespace, name, dryRun);
    }
    ObjectNode pdb = budgets.get(0);
    String pdbName = Json.text(pdb, "metadata", "name");
    ObjectNode status = Json.objectAt(pdb, "status");
    int currentHealthy = status == null ? 0 : status.path("currentHealthy").asInt(0);
    int desiredHealthy = status == null ? 0 : status.path("desiredHealthy").asInt(0);
    if (!PodDisruption.isReady(pod)) {
      String policy = pdb.path("spec").path("unhealthyPodEvictionPolicy").asString("IfHealthyBudget");
      if (policy.equals("AlwaysAllow") || (currentHealthy >= desiredHealthy && desiredHealthy > 0)) {
        return delete(pods, namespace, name, dryRun);
      }
    }
    long generation = pdb.path("metadata").path("generation").asLong(0);
    long observed = status == null ? -1 : status.path("observedGeneration").asLong(-1);
    if (observed < generation) {
      throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption "
          + "budget.", null, null, List.of(new ApiException.Cause("DisruptionBudget", "The disruption budget "
          + pdbName + " is still being processed by the server.", null)), 10);
    }
    int allowed = status.path("disruptionsAllowed").asInt(0);
    if (allowed < 0) {
      throw ApiException.forbidden(pods, name, "pdb disruptions allowed is negative");
    }
    if (allowed == 0) {
      throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption "
          + "budget.", null, null, List.of(new ApiException.Cause("DisruptionBudget", "The disruption budget "
          + pdbName + " needs " + desiredHealthy + " healthy pods and has " + currentHealthy + " currently", null)),
          null);
    }
    if (!dryRun) {
      ObjectNode updated = pdb.deepCopy();
      ObjectNode s = updated.withObject("status");
      s.put("disruptionsAllowed", allowed - 1);
      s.withObject("disruptedPods").put(name, api.store().now());
      api.updateStatus(pdbs, namespace, updated, "kube-apiserver", false);
      markDisruptionTarget(pods, pod);
    }
    return delete(pods, namespace, name, dryRun);
  }

  private void markDisruptionTarget(ResourceType pods, ObjectNode pod) {
    ObjectNode p = pod.deepCopy();
    var conditions = p.withObject("status").withArray("conditions");
    ObjectNode c = conditions.addObject();
    c.put("type", "DisruptionTarget");
    c.put("status", "True");
    c.put("reason", "EvictionByEvictionAPI");
    c.put("message", "Eviction API: evicting");
    c.put("lastTransitionTime", api.store().now());
    api.updateStatus(pods, Json.text(pod, "metadata", "namespace"), p, "kube-apiserver", false);
  }

  private ObjectNode delete(ResourceType pods, String namespace, String name, boolean dryRun) {
    api.delete(pods, namespace, name, null, dryRun);
    ObjectNode ok = Json.object();
    ok.put("kind", "Status");
    ok.put("apiVersion", "v1");
    ok.set("metadata", Json.object());
    ok.put("status", "Success");
    ok.put("code", 201);
    return ok;
  }
}
