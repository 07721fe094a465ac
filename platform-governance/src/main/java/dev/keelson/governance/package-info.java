/**
 * Keelson governance: tenants, quotas and headroom, the policy engine, admission, cost and compliance. See the
 * module README for scope and status.
 */
package dev.keelson.governance;
