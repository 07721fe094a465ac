package dev.keelson.governance.quota;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether a demand fits a namespace's quotas and its tenant's total, and by how much it misses where it does not.
 *
 * <pre>{@code
 * Headroom h = QuotaHeadroom.on(client).check("shop-prod", ResourceDemand.ofRolloutSurge(web));
 * if (!h.fits()) gate.fail(h.toString());   // "does not fit shop-prod: requests.cpu short by 500m in tenant shop …"
 * }</pre>
 *
 * @param namespace the namespace checked
 * @param lines one per quota resource the demand touches, per quota (namespace quotas and the tenant total)
 */
public record Headroom(String namespace, List<Line> lines) {

  /** Where a limit comes from. */
  public enum Scope {
    /** A ResourceQuota of the namespace. */
    NAMESPACE,
    /** The tenant-wide total across the tenant's namespaces. */
    TENANT
  }

  /**
   * One quota resource under one limit.
   *
   * @param resource the quota resource, e.g. {@code requests.cpu}
   * @param scope namespace quota or tenant total
   * @param source the ResourceQuota's name, or the tenant's
   * @param hard the limit
   * @param used what is used now
   * @param needed what the demand adds
   */
  public record Line(String resource, Scope scope, String source, BigDecimal hard, BigDecimal used,
      BigDecimal needed) {

    /** What is left: hard − used (never negative). */
    public BigDecimal free() {
      return hard.subtract(used).max(BigDecimal.ZERO);
    }

    /** How much is missing; zero when it fits. */
    public BigDecimal shortfall() {
      return needed.subtract(free()).max(BigDecimal.ZERO);
    }

    public boolean fits() {
      return shortfall().signum() == 0;
    }

    @Override
    public String toString() {
      String where = scope == Scope.TENANT ? "tenant " + source : "quota " + source;
      return resource + (fits() ? " fits" : " short by " + Amounts.display(resource, shortfall())) + " in " + where
          + " (hard " + Amounts.display(resource, hard) + ", used " + Amounts.display(resource, used) + ", needed "
          + Amounts.display(resource, needed) + ")";
    }
  }

  public Headroom {
    Objects.requireNonNull(namespace, "namespace");
    lines = List.copyOf(lines);
  }

  /** True when every line fits. */
  public boolean fits() {
    return lines.stream().allMatch(Line::fits);
  }

  /** The lines that do not fit. */
  public List<Line> shortfalls() {
    return lines.stream().filter(l -> !l.fits()).toList();
  }

  @Override
  public String toString() {
    return fits() ? "fits " + namespace : "does not fit " + namespace + ": " + shortfalls().stream()
        .map(Line::toString).collect(Collectors.joining("; "));
  }
}
