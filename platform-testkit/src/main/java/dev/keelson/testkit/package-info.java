/**
 * Keelson's testkit. {@link dev.keelson.testkit.SimulatedCluster} is a Kubernetes API server and controllers
 * in-process on a {@link dev.keelson.testkit.VirtualClock}; {@link dev.keelson.testkit.SimulatedClusterTest}
 * injects it into JUnit 5 tests; {@link dev.keelson.testkit.RequestLog} and
 * {@link dev.keelson.testkit.ApiFaults} (with its {@link dev.keelson.testkit.Fault}s) let tests see and disturb the
 * traffic to its Kubernetes and Prometheus APIs.
 */
package dev.keelson.testkit;
