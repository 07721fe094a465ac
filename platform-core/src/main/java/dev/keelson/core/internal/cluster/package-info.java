/**
 * Internal: label selector parsing, kubeconfig loading and the fleet's fan-out. Not part of the public API; use
 * {@code dev.keelson.core.cluster}.
 */
package dev.keelson.core.internal.cluster;
