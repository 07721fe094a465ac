package dev.keelson.testkit.internal.controller.workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Deployment controller's {@code scale()}: on a scaling event or while paused, the single active (or newest)
 * ReplicaSet takes the new size; a saturated new ReplicaSet lets the old ones go to zero; otherwise, for
 * RollingUpdate, the difference to {@code replicas + maxSurge} is spread over the active ReplicaSets in proportion
 * to their size (leftovers to the first in order: larger first, newer first when growing, older first when
 * shrinking).
 */
final class ProportionalScaler {

  private ProportionalScaler() {
  }

  static void scale(DeploymentSync sync, ReplicaSetView newRs, List<ReplicaSetView> old) {
    DeploymentParameters p = sync.parameters();
    ReplicaSetView only = activeOrLatest(newRs, old);
    if (only != null) {
      if (only.specReplicas() != p.replicas()) {
        sync.scaleAndRecord(only, p.replicas());
      }
      return;
    }
    if (saturated(p, newRs)) {
      for (ReplicaSetView rs : old) {
        if (rs.active()) {
          sync.scaleAndRecord(rs, 0);
        }
      }
      return;
    }
    if (!p.rollingUpdate()) {
      return;
    }
    List<ReplicaSetView> active = new ArrayList<>();
    for (ReplicaSetView rs : old) {
      if (rs.active()) {
        active.add(rs);
      }
    }
    if (newRs != null && newRs.active()) {
      active.add(newRs);
    }
    int total = 0;
    for (ReplicaSetView rs : active) {
      total += rs.specReplicas();
    }
    int allowed = p.replicas() > 0 ? p.replicas() + p.maxSurge() : 0;
    int toAdd = allowed - total;
    String operation = "";
    if (toAdd > 0) {
      active.sort(ReplicaSetView.BY_SIZE_NEWER);
      operation = "up";
    } else if (toAdd < 0) {
      active.sort(ReplicaSetView.BY_SIZE_OLDER);
      operation = "down";
    }
    int fallback = Nodes.intAt(sync.deployment(), 0, "status", "replicas");
    int added = 0;
    int[] sizes = new int[active.size()];
    for (int i = 0; i < active.size(); i++) {
      ReplicaSetView rs = active.get(i);
      int proportion = toAdd == 0 ? 0 : RolloutMath.proportion(rs, p, toAdd, added, fallback);
      sizes[i] = rs.specReplicas() + proportion;
      added += proportion;
    }
    for (int i = 0; i < active.size(); i++) {
      if (i == 0 && toAdd != 0) {
        sizes[0] = Math.max(0, sizes[0] + toAdd - added);
      }
      sync.scale(active.get(i), sizes[i], operation);
    }
  }

  /** {@code FindActiveOrLatest}: the only active ReplicaSet, the newest when none is active, else null. */
  static ReplicaSetView activeOrLatest(ReplicaSetView newRs, List<ReplicaSetView> old) {
    if (newRs == null && old.isEmpty()) {
      return null;
    }
    List<ReplicaSetView> active = new ArrayList<>();
    for (ReplicaSetView rs : old) {
      if (rs.active()) {
        active.add(rs);
      }
    }
    if (newRs != null && newRs.active()) {
      active.add(newRs);
    }
    if (active.size() == 1) {
      return active.get(0);
    }
    if (active.isEmpty()) {
      return newRs != null ? newRs : old.stream().max(Comparator.comparing(ReplicaSetView::created)
          .thenComparing(ReplicaSetView::name)).orElseThrow();
    }
    return null;
  }

  /** {@code IsSaturated}: the new ReplicaSet has, wants and has available all the Deployment's replicas. */
  static boolean saturated(DeploymentParameters p, ReplicaSetView newRs) {
    if (newRs == null) {
      return false;
    }
    Integer desired = newRs.intAnnotation(ReplicaSetView.DESIRED_REPLICAS);
    return desired != null && newRs.specReplicas() == p.replicas() && desired == p.replicas()
        && newRs.availableReplicas() == p.replicas();
  }
}
