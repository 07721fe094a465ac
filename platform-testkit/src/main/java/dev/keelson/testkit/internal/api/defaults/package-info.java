/**
 * Internal: what the simulated API server does to every object it decodes from a write — Kubernetes' API defaults,
 * one class per API group, and the canonical text of quantities. Entry point:
 * {@link dev.keelson.testkit.internal.api.defaults.ApiDefaults}. Not part of the public API.
 */
package dev.keelson.testkit.internal.api.defaults;
