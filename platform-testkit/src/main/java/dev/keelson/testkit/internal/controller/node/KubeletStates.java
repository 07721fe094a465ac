package dev.keelson.testkit.internal.controller.node;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scripted health of each node's simulated kubelet: posting Ready, posting NotReady, or stopped (no status,
 * no lease renewals — what the node controller's grace period measures). Stands in for the kubelet's Lease.
 */
final class KubeletStates {

  /** What a node's kubelet does. */
  enum Mode { READY, NOT_READY, STOPPED }

  /**
   * @param since when the mode began (for STOPPED: the last heartbeat)
   * @param message the {@code KubeletNotReady} message for NOT_READY
   */
  record State(Mode mode, Instant since, String message) {
  }

  static final State READY = new State(Mode.READY, Instant.EPOCH, null);

  private final Map<String, State> states = new ConcurrentHashMap<>();

  State get(String node) {
    return states.getOrDefault(node, READY);
  }

  void set(String node, State state) {
    states.put(node, state);
  }

  /** Whether the kubelet runs pods and posts status (only a Ready kubelet drives pods forward). */
  boolean runsPods(String node) {
    return get(node).mode() == Mode.READY;
  }
}
