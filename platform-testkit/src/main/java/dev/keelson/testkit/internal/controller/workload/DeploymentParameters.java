package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Deployment's spec as the controller reads it, with the apps/v1 defaults applied to absent fields (replicas 1,
 * RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, minReadySeconds 0) and the rolling
 * update fenceposts resolved ({@code ResolveFenceposts}, {@code MaxSurge}, {@code MaxUnavailable}).
 *
 * @param replicas {@code spec.replicas}
 * @param rollingUpdate whether the strategy is RollingUpdate (otherwise Recreate)
 * @param maxSurge resolved absolute surge (0 for Recreate)
 * @param maxUnavailable resolved absolute unavailability (0 for Recreate or zero replicas, capped at replicas)
 * @param minReadySeconds {@code spec.minReadySeconds}
 * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}, null when unlimited
 * @param progressDeadlineSeconds {@code spec.progressDeadlineSeconds}, null when there is no deadline
 * @param paused {@code spec.paused}
 * @param selector {@code spec.selector} (may be null)
 * @param template {@code spec.template}
 */
record DeploymentParameters(int replicas, boolean rollingUpdate, int maxSurge, int maxUnavailable,
    int minReadySeconds, Integer revisionHistoryLimit, Integer progressDeadlineSeconds, boolean paused,
    JsonNode selector, ObjectNode template) {

  static final String ROLLING_UPDATE = "RollingUpdate";
  static final String RECREATE = "Recreate";

  static DeploymentParameters of(JsonNode deployment) {
    JsonNode spec = deployment.path("spec");
    int replicas = Nodes.intAt(spec, 1, "replicas");
    String type = Nodes.stringAt(spec, "strategy", "type");
    boolean rolling = type == null || type.isEmpty() || type.equals(ROLLING_UPDATE);
    int surge = 0;
    int unavailable = 0;
    if (rolling) {
      IntOrPercent s = IntOrPercent.parse(Nodes.at(spec, "strategy", "rollingUpdate", "maxSurge"));
      IntOrPercent u = IntOrPercent.parse(Nodes.at(spec, "strategy", "rollingUpdate", "maxUnavailable"));
      s = s == null ? IntOrPercent.TWENTY_FIVE_PERCENT : s;
      u = u == null ? IntOrPercent.TWENTY_FIVE_PERCENT : u;
      surge = s.scaled(replicas, true);
      unavailable = u.scaled(replicas, false);
      if (surge == 0 && unavailable == 0) {
        unavailable = 1;
      }
      unavailable = replicas == 0 ? 0 : Math.min(unavailable, replicas);
    }
    Integer history = Nodes.optionalInt(spec, "revisionHistoryLimit");
    if (Nodes.at(spec, "revisionHistoryLimit") == null) {
      history = 10;
    } else if (history != null && history == Integer.MAX_VALUE) {
      history = null;
    }
    Integer deadline = Nodes.at(spec, "progressDeadlineSeconds") == null ? Integer.valueOf(600)
        : Nodes.optionalInt(spec, "progressDeadlineSeconds");
    if (deadline != null && deadline == Integer.MAX_VALUE) {
      deadline = null;
    }
    JsonNode template = spec.get("template");
    return new DeploymentParameters(replicas, rolling, surge, unavailable, Nodes.intAt(spec, 0, "minReadySeconds"),
        history, deadline, Nodes.boolAt(spec, "paused"), Nodes.at(spec, "selector"),
        template instanceof ObjectNode t ? t : Json.object());
  }

  /** {@code MinAvailable}: replicas that must stay available during a rolling update (0 for Recreate). */
  int minAvailable() {
    return rollingUpdate ? replicas - maxUnavailable : 0;
  }

  /** {@code spec.replicas + MaxSurge}: the max-replicas annotation value. */
  int maxReplicas() {
    return replicas + maxSurge;
  }

  boolean hasProgressDeadline() {
    return progressDeadlineSeconds != null;
  }
}
