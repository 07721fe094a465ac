package dev.keelson.testkit.internal.controller.workload;

import dev.keelson.testkit.internal.api.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rolloutRecreate}: scale every old ReplicaSet to zero, wait until none of their pods is still running
 * (any phase but Succeeded or Failed), then create the new ReplicaSet at full size; history cleanup once complete.
 */
final class Recreate {

  private Recreate() {
  }

  static Optional<Duration> rollout(DeploymentSync sync) {
    DeploymentSync.ReplicaSets sets = sync.replicaSets(false);
    boolean scaledDown = false;
    for (ReplicaSetView rs : sets.old()) {
      if (rs.active() && sync.scaleAndRecord(rs, 0)) {
        scaledDown = true;
      }
    }
    if (scaledDown || oldPodsRunning(sync, sets.old())) {
      return sync.syncRolloutStatus(sets.all(), sets.newRs());
    }
    if (sets.newRs() == null) {
      sets = sync.replicaSets(true);
    }
    sync.scaleAndRecord(sets.newRs(), sync.parameters().replicas());
    if (DeploymentStatuses.complete(sync.deployment(), sync.parameters(), sync.deployment().path("status"))) {
      sync.cleanup(sets.old());
    }
    return sync.syncRolloutStatus(sets.all(), sets.newRs());
  }

  /** {@code oldPodsRunning}: old ReplicaSets still report replicas, or one of their pods is not terminal. */
  private static boolean oldPodsRunning(DeploymentSync sync, List<ReplicaSetView> old) {
    for (ReplicaSetView rs : old) {
      if (rs.statusReplicas() > 0) {
        return true;
      }
    }
    WorkloadContext ctx = sync.context();
    for (ReplicaSetView rs : old) {
      String uid = rs.uid();
      for (ObjectStore.ObjectRef ref : ctx.store().dependents(uid)) {
        if (!ref.type().equals(ctx.pods())) {
          continue;
        }
        ObjectNode pod = ctx.store().get(ctx.pods(), ref.namespace(), ref.name());
        if (pod != null && ControllerRefs.isControlledBy(pod, uid) && !PodState.terminal(pod)) {
          return true;
        }
      }
    }
    return false;
  }
}
