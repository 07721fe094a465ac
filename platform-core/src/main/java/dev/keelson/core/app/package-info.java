/**
 * Application specs: an {@link dev.keelson.core.app.AppSpec} groups one workload with its Service, Ingress or
 * HTTPRoute, content-hashed ConfigMaps and Secrets, HorizontalPodAutoscaler, PodDisruptionBudget, ServiceAccount
 * and NetworkPolicy; {@link dev.keelson.core.app.EnvironmentOverlay} gives typed per-environment overrides.
 */
package dev.keelson.core.app;
