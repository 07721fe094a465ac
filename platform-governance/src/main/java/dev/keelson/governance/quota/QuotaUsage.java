package dev.keelson.governance.quota;

import java.math.BigDecimal;

/**
 * One quota resource's hard limit, use and what is free, for a namespace quota or a tenant total.
 *
 * <pre>{@code
 * QuotaHeadroom.on(client).usage("shop").forEach(u -> log.info("{}", u));
 * // shop-prod/tenant-quota requests.cpu: hard 4, used 1500m, free 2500m
 * }</pre>
 *
 * @param namespace the namespace, or empty for the tenant total
 * @param source the ResourceQuota's name, or the tenant's for the total
 * @param resource the quota resource
 * @param hard the limit
 * @param used what is used
 */
public record QuotaUsage(String namespace, String source, String resource, BigDecimal hard, BigDecimal used) {

  public BigDecimal free() {
    return hard.subtract(used).max(BigDecimal.ZERO);
  }

  @Override
  public String toString() {
    return (namespace.isEmpty() ? "tenant " + source : namespace + "/" + source) + " " + resource + ": hard "
        + Amounts.display(resource, hard) + ", used " + Amounts.display(resource, used) + ", free "
        + Amounts.display(resource, free());
  }
}
