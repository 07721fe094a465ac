package dev.keelson.testkit.internal.controller.workload;

/**
 * Replica arithmetic of deployment_util.go: {@code NewRSNewReplicas} and the proportions of
 * {@code GetProportion}/{@code getReplicaSetFraction} used when a Deployment is scaled mid-rollout or while paused.
 */
final class RolloutMath {

  private RolloutMath() {
  }

  /**
   * {@code NewRSNewReplicas}: for RollingUpdate, grow the new ReplicaSet by the room left under
   * {@code replicas + maxSurge} but not past {@code replicas}; for Recreate, {@code replicas}.
   *
   * @param currentTotal sum of spec.replicas over every ReplicaSet, the new one included
   * @param newReplicas the new ReplicaSet's spec.replicas
   */
  static int newReplicaSetReplicas(DeploymentParameters p, int currentTotal, int newReplicas) {
    if (!p.rollingUpdate()) {
      return p.replicas();
    }
    int maxTotal = p.replicas() + p.maxSurge();
    if (currentTotal >= maxTotal) {
      return newReplicas;
    }
    return newReplicas + Math.min(maxTotal - currentTotal, p.replicas() - newReplicas);
  }

  /**
   * {@code GetProportion}: how many replicas this ReplicaSet gains (or loses) of {@code toAdd}, bounded by what is
   * still left to distribute.
   *
   * @param fallbackMaxReplicas the Deployment's status.replicas, used when the max-replicas annotation is missing
   */
  static int proportion(ReplicaSetView rs, DeploymentParameters p, int toAdd, int added, int fallbackMaxReplicas) {
    int size = rs.specReplicas();
    if (size == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(size, rs.intAnnotation(ReplicaSetView.MAX_REPLICAS), p, fallbackMaxReplicas);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** {@code getReplicaSetFraction}: round(size * (replicas + maxSurge) / annotated max) - size. */
  static int fraction(int size, Integer annotatedMax, DeploymentParameters p, int fallbackMaxReplicas) {
    if (p.replicas() == 0) {
      return -size;
    }
    int deploymentReplicas = p.replicas() + p.maxSurge();
    int annotated = annotatedMax != null ? annotatedMax : fallbackMaxReplicas;
    if (annotated == 0) {
      return 0;
    }
    double newSize = (double) size * deploymentReplicas / annotated;
    return (int) roundHalfAwayFromZero(newSize) - size;
  }

  /** Go's {@code math.Round}. */
  static long roundHalfAwayFromZero(double x) {
    return (long) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5));
  }
}
