/**
 * Internal: kube-controller-manager's workload controllers for the simulated cluster — the Deployment controller
 * and the ReplicaSet controller — working on JSON trees through the in-process API server. Install them with
 * {@link dev.keelson.testkit.internal.controller.workload.WorkloadControllers#install}. Not part of the public API.
 */
package dev.keelson.testkit.internal.controller.workload;
