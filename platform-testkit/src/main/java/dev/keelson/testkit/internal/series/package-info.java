/**
 * Series a test scripts for the simulated Prometheus: per-pod values over virtual time (request and error rates,
 * latency distributions, CPU and memory, custom series) resolved for each live or recently ended pod, scraped on a
 * fixed grid, with counters as integrals of the scripted rates.
 */
package dev.keelson.testkit.internal.series;
