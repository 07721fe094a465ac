/**
 * Cost allocation per tenant, namespace and workload from Prometheus usage and requests (OpenCost's rule), with
 * idle cost on its own line.
 */
package dev.keelson.governance.cost;
