/**
 * Control loops, the runtime of long-running platform logic (the release executor, the runbook engine):
 * {@link dev.keelson.core.loop.ControlLoop} with informer-backed {@link dev.keelson.core.loop.Cache}s, a
 * de-duplicating, rate-limited {@link dev.keelson.core.loop.WorkQueue}, a {@link dev.keelson.core.loop.Reconciler},
 * Lease-based {@link dev.keelson.core.loop.LeaderElection}, and a {@link dev.keelson.core.loop.StateStore} that keeps
 * progress in the cluster. Time comes from a {@link dev.keelson.core.loop.Scheduler}, so tests drive it with the
 * testkit's virtual clock. See {@code docs/control-loops.md}.
 */
package dev.keelson.core.loop;
