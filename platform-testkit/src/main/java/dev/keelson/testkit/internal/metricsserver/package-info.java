/**
 * The simulated cluster's metrics-server: the resource metrics API ({@code metrics.k8s.io/v1beta1} PodMetrics and
 * NodeMetrics) computed from the pods' scripted CPU and memory series, for {@code kubectl top}-style clients and the
 * horizontal pod autoscaler alike.
 */
package dev.keelson.testkit.internal.metricsserver;
