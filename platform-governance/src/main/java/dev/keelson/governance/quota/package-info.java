/**
 * Quota headroom: whether a planned change ({@link dev.keelson.governance.quota.ResourceDemand}) fits a
 * namespace's quotas and its tenant's total, and usage reports per tenant and namespace.
 */
package dev.keelson.governance.quota;
