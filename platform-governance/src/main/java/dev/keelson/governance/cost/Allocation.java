package dev.keelson.governance.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one container (or a group of them) was allocated over a window: core-hours and GiB-hours of
 * max(request, usage), and their cost.
 *
 * @param tenant the namespace's tenant, or empty
 * @param namespace the namespace
 * @param workload the top-level owner ({@code Deployment/web}), or {@code Pod/<name>} for a bare pod
 * @param pod the pod; empty for a group
 * @param container the container; empty for a group
 * @param cpuCoreHours CPU allocated, in core-hours
 * @param memoryGibHours memory allocated, in GiB-hours
 * @param cost the price book's cost of both
 */
public record Allocation(String tenant, String namespace, String workload, String pod, String container,
    double cpuCoreHours, double memoryGibHours, BigDecimal cost) {

  public Allocation {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(cost, "cost");
  }

  Allocation plus(Allocation other) {
    return new Allocation(tenant.equals(other.tenant) ? tenant : "", namespace.equals(other.namespace) ? namespace
        : "", workload.equals(other.workload) ? workload : "", "", "", cpuCoreHours + other.cpuCoreHours,
        memoryGibHours + other.memoryGibHours, cost.add(other.cost));
  }
}
