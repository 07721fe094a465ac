package dev.keelson.testkit.internal.controller.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rolloutRolling}: one step of a rolling update per sync. Scale the new ReplicaSet up within maxSurge, or
 * else scale old ReplicaSets down within maxUnavailable (unhealthy replicas first, oldest ReplicaSets first), or
 * else clean up history once complete; then write status.
 */
final class RollingUpdate {

  private RollingUpdate() {
  }

  static Optional<Duration> rollout(DeploymentSync sync) {
    DeploymentSync.ReplicaSets sets = sync.replicaSets(true);
    ReplicaSetView newRs = sets.newRs();
    List<ReplicaSetView> all = sets.all();
    if (reconcileNew(sync, all, newRs)) {
      return sync.syncRolloutStatus(all, newRs);
    }
    List<ReplicaSetView> activeOld = new ArrayList<>();
    for (ReplicaSetView rs : sets.old()) {
      if (rs.active()) {
        activeOld.add(rs);
      }
    }
    if (reconcileOld(sync, all, activeOld, newRs)) {
      return sync.syncRolloutStatus(all, newRs);
    }
    if (DeploymentStatuses.complete(sync.deployment(), sync.parameters(), sync.deployment().path("status"))) {
      sync.cleanup(sets.old());
    }
    return sync.syncRolloutStatus(all, newRs);
  }

  /** {@code reconcileNewReplicaSet}. */
  private static boolean reconcileNew(DeploymentSync sync, List<ReplicaSetView> all, ReplicaSetView newRs) {
    DeploymentParameters p = sync.parameters();
    int size = newRs.specReplicas();
    if (size == p.replicas()) {
      return false;
    }
    if (size > p.replicas()) {
      return sync.scaleAndRecord(newRs, p.replicas());
    }
    return sync.scaleAndRecord(newRs, RolloutMath.newReplicaSetReplicas(p, total(all), size));
  }

  /** {@code reconcileOldReplicaSets}. */
  private static boolean reconcileOld(DeploymentSync sync, List<ReplicaSetView> all, List<ReplicaSetView> old,
      ReplicaSetView newRs) {
    if (total(old) == 0) {
      return false;
    }
    int minAvailable = sync.parameters().minAvailable();
    int newUnavailable = newRs.specReplicas() - newRs.availableReplicas();
    int maxScaledDown = total(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    old.sort(ReplicaSetView.BY_CREATION);
    int cleaned = cleanupUnhealthy(sync, old, maxScaledDown);
    if (cleaned < 0) {
      return false;
    }
    List<ReplicaSetView> remaining = new ArrayList<>(old);
    remaining.add(newRs);
    int scaledDown = scaleDownOld(sync, remaining, old, minAvailable);
    return cleaned + scaledDown > 0;
  }

  /**
   * {@code cleanupUnhealthyReplicas}: removes unavailable replicas of old ReplicaSets, oldest first, up to
   * {@code max}; -1 when a ReplicaSet reports more available than desired replicas (upstream gives up this step).
   */
  private static int cleanupUnhealthy(DeploymentSync sync, List<ReplicaSetView> old, int max) {
    int total = 0;
    for (ReplicaSetView rs : old) {
      if (total >= max) {
        break;
      }
      int size = rs.specReplicas();
      if (size == 0 || size == rs.availableReplicas()) {
        continue;
      }
      int count = Math.min(max - total, size - rs.availableReplicas());
      if (count < 0) {
        return -1;
      }
      sync.scaleAndRecord(rs, size - count);
      total += count;
    }
    return total;
  }

  /** {@code scaleDownOldReplicaSetsForRollingUpdate}: scales old ReplicaSets down while availability allows. */
  private static int scaleDownOld(DeploymentSync sync, List<ReplicaSetView> all, List<ReplicaSetView> old,
      int minAvailable) {
    int available = 0;
    for (ReplicaSetView rs : all) {
      available += rs.availableReplicas();
    }
    if (available <= minAvailable) {
      return 0;
    }
    int target = available - minAvailable;
    int total = 0;
    for (ReplicaSetView rs : old) {
      if (total >= target) {
        break;
      }
      int size = rs.specReplicas();
      if (size == 0) {
        continue;
      }
      int count = Math.min(size, target - total);
      sync.scaleAndRecord(rs, size - count);
      total += count;
    }
    return total;
  }

  static int total(List<ReplicaSetView> sets) {
    int total = 0;
    for (ReplicaSetView rs : sets) {
      total += rs.specReplicas();
    }
    return total;
  }
}
