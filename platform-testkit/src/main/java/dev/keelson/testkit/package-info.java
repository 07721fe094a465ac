/**
 * Keelson's testkit: a simulated Kubernetes cluster, a JUnit 5 extension and AssertJ assertions. See the
 * module README for what is simulated and what is planned.
 */
package dev.keelson.testkit;
