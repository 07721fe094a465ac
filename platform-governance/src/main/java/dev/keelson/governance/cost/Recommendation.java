package dev.keelson.governance.cost;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A container's rightsized requests, from its usage over a window: CPU at the 90th percentile plus a margin,
 * memory at the peak plus a margin, within bounds (the way the VPA recommender targets them).
 *
 * @param namespace the namespace
 * @param workload the Deployment, StatefulSet or DaemonSet ({@code Deployment/web})
 * @param container the container
 * @param currentCpu the CPU request now, if any
 * @param cpu the recommended CPU request, in cores
 * @param currentMemory the memory request now, if any
 * @param memory the recommended memory request, in bytes
 */
public record Recommendation(String namespace, String workload, String container, Optional<BigDecimal> currentCpu,
    BigDecimal cpu, Optional<BigDecimal> currentMemory, BigDecimal memory) {

  public Recommendation {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    currentCpu = currentCpu == null ? Optional.empty() : currentCpu;
    currentMemory = currentMemory == null ? Optional.empty() : currentMemory;
  }

  /** The recommended CPU request as Kubernetes writes it ({@code 250m}). */
  public String cpuQuantity() {
    return Amounts.cpu(cpu);
  }

  /** The recommended memory request as Kubernetes writes it ({@code 300Mi}). */
  public String memoryQuantity() {
    return Amounts.memory(memory);
  }

  @Override
  public String toString() {
    return namespace + "/" + workload + " " + container + ": cpu " + currentCpu.map(Amounts::cpu).orElse("none")
        + " -> " + cpuQuantity() + ", memory " + currentMemory.map(Amounts::memory).orElse("none") + " -> "
        + memoryQuantity();
  }
}
