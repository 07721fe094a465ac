package dev.keelson.testkit.internal.series;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated Prometheus knows of a pod, kept after the pod is gone so that its series keep their history.
 *
 * @param owners the names along its controller chain, e.g. its ReplicaSet and that ReplicaSet's Deployment
 * @param created when the pod was first seen (Unix milliseconds)
 * @param started when its first container started running, or -1 while none has
 * @param ended when it was deleted or finished, or {@link Long#MAX_VALUE} while it lives
 */
record TrackedPod(String uid, String namespace, String name, Map<String, String> labels, Set<String> owners,
    String node, List<Container> containers, long created, long started, long ended) {

  /**
   * A container and its resources in cores and bytes.
   *
   * @param requests by resource name ({@code cpu}, {@code memory})
   * @param limits by resource name
   */
  record Container(String name, Map<String, Double> requests, Map<String, Double> limits) {
  }

  boolean isRunningAt(long t) {
    return started >= 0 && started <= t && t < ended;
  }
}
