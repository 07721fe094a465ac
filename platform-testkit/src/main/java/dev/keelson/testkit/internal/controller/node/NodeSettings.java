package dev.keelson.testkit.internal.controller.node;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the simulated nodes, with Kubernetes' defaults.
 *
 * @param nodeMonitorGracePeriod how long after the kubelet stops posting the node controller marks the node
 *     {@code Unknown} ({@code --node-monitor-grace-period}: 40 s up to v1.31, 50 s from v1.32)
 * @param notReadyTolerationSeconds toleration added by DefaultTolerationSeconds for the not-ready taint
 * @param unreachableTolerationSeconds toleration added by DefaultTolerationSeconds for the unreachable taint
 * @param statusReportInterval when set, the kubelet re-posts unchanged node status this often (real kubelets: 5 min,
 *     {@code nodeStatusReportFrequency}); null (the default) posts only on change, to keep large clusters cheap
 * @param kubeletVersion {@code status.nodeInfo.kubeletVersion} of new nodes
 * @param jobController whether to run the {@link JobController}
 * @param podStatusDefaults whether to install {@link PodStatusDefaults} (new pods get {@code phase: Pending} and
 *     {@code qosClass} as from the real pod registry); off by default until the API server's pod strategy does it
 */
public record NodeSettings(Duration nodeMonitorGracePeriod, long notReadyTolerationSeconds,
    long unreachableTolerationSeconds, Duration statusReportInterval, String kubeletVersion,
    boolean jobController, boolean podStatusDefaults) {

  public NodeSettings {
    Objects.requireNonNull(nodeMonitorGracePeriod, "nodeMonitorGracePeriod");
    Objects.requireNonNull(kubeletVersion, "kubeletVersion");
  }

  public static NodeSettings defaults() {
    return new NodeSettings(Duration.ofSeconds(40), 300, 300, null, "v1.31.4", true, false);
  }

  public NodeSettings withNodeMonitorGracePeriod(Duration d) {
    return new NodeSettings(d, notReadyTolerationSeconds, unreachableTolerationSeconds, statusReportInterval,
        kubeletVersion, jobController, podStatusDefaults);
  }

  public NodeSettings withDefaultTolerationSeconds(long notReady, long unreachable) {
    return new NodeSettings(nodeMonitorGracePeriod, notReady, unreachable, statusReportInterval, kubeletVersion,
        jobController, podStatusDefaults);
  }

  public NodeSettings withStatusReportInterval(Duration d) {
    return new NodeSettings(nodeMonitorGracePeriod, notReadyTolerationSeconds, unreachableTolerationSeconds, d,
        kubeletVersion, jobController, podStatusDefaults);
  }

  /** Turns the built-in Job controller on or off (off when another Job controller is installed). */
  public NodeSettings withJobController(boolean enabled) {
    return new NodeSettings(nodeMonitorGracePeriod, notReadyTolerationSeconds, unreachableTolerationSeconds,
        statusReportInterval, kubeletVersion, enabled, podStatusDefaults);
  }

  /** Turns the {@link PodStatusDefaults} admission step on or off. */
  public NodeSettings withPodStatusDefaults(boolean enabled) {
    return new NodeSettings(nodeMonitorGracePeriod, notReadyTolerationSeconds, unreachableTolerationSeconds,
        statusReportInterval, kubeletVersion, jobController, enabled);
  }
}
