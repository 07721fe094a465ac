package dev.keelson.governance.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Cost over a window: per container, grouped by workload, namespace and tenant, and the idle cost (capacity not
 * allocated to anyone) as a line of its own.
 *
 * <pre>{@code
 * CostReport report = CostAllocator.on(client, prometheus, prices).allocate(start, end);
 * report.byTenant().forEach((tenant, a) -> log.info("{} {}", tenant, a.cost()));
 * report.idleCost();
 * }</pre>
 *
 * @param start the window's start
 * @param end the window's end
 * @param containers one allocation per container
 * @param capacityCost what all nodes' allocatable CPU and memory cost over the window
 */
public record CostReport(Instant start, Instant end, List<Allocation> containers, BigDecimal capacityCost) {

  public CostReport {
    containers = List.copyOf(containers);
  }

  /** Everything allocated. */
  public BigDecimal allocatedCost() {
    return containers.stream().map(Allocation::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Capacity − allocated, never negative: what nobody asked for or used. */
  public BigDecimal idleCost() {
    return capacityCost.subtract(allocatedCost()).max(BigDecimal.ZERO);
  }

  public Map<String, Allocation> byTenant() {
    return group(a -> a.tenant().isEmpty() ? "(none)" : a.tenant());
  }

  public Map<String, Allocation> byNamespace() {
    return group(Allocation::namespace);
  }

  /** By {@code namespace/Kind/name} of the top-level owner. */
  public Map<String, Allocation> byWorkload() {
    return group(a -> a.namespace() + "/" + a.workload());
  }

  /**
   * Each tenant's share of the idle cost, split by their allocated cost (tenants that were allocated nothing
   * get nothing).
   */
  public Map<String, BigDecimal> idleSharedByWeight() {
    Map<String, BigDecimal> shares = new TreeMap<>();
    BigDecimal allocated = allocatedCost();
    if (allocated.signum() == 0) {
      return shares;
    }
    byTenant().forEach((tenant, a) -> shares.put(tenant, idleCost().multiply(a.cost())
        .divide(allocated, java.math.MathContext.DECIMAL64)));
    return shares;
  }

  private Map<String, Allocation> group(Function<Allocation, String> key) {
    Map<String, Allocation> groups = new TreeMap<>();
    for (Allocation a : containers) {
      groups.merge(key.apply(a), a, Allocation::plus);
    }
    return groups;
  }
}
