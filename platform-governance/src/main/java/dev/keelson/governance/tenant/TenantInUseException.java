package dev.keelson.governance.tenant;

import java.util.List;
import java.util.Map;

/**
 * Offboarding was refused: namespaces of the tenant still run pods. Nothing was deleted.
 *
 * <pre>{@code
 * catch (TenantInUseException e) { e.runningPods().forEach((ns, pods) -> log.warn("{} still runs {}", ns, pods)); }
 * }</pre>
 */
public final class TenantInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> runningPods;

  public TenantInUseException(String tenant, Map<String, List<String>> runningPods) {
    super("tenant " + tenant + " still runs pods, refusing to delete its namespaces: " + runningPods
        + "; offboard with DELETE_RUNNING_WORKLOADS to delete them anyway");
    this.runningPods = Map.copyOf(runningPods);
  }

  /** Pod names by namespace. */
  public Map<String, List<String>> runningPods() {
    return runningPods;
  }
}
