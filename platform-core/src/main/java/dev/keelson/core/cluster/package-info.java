/**
 * Clusters and fleets: a {@link dev.keelson.core.cluster.Cluster} is a named client with labels (environment,
 * region, anything else), from a kubeconfig context or a client you have; a {@link dev.keelson.core.cluster.Fleet}
 * runs a task on the clusters a {@link dev.keelson.core.cluster.LabelSelector} picks, with a concurrency limit and a
 * per-cluster timeout, and reports a {@link dev.keelson.core.cluster.ClusterOutcome} for each in a
 * {@link dev.keelson.core.cluster.FleetResult}.
 */
package dev.keelson.core.cluster;
