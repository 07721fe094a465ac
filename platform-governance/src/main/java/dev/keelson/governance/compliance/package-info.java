/**
 * Compliance: a cluster-wide run of the policy engine plus tenant conformance, scored per tenant and placed on the
 * maturity path L1–L4.
 */
package dev.keelson.governance.compliance;
