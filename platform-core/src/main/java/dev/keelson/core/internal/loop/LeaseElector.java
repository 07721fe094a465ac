package dev.keelson.core.internal.loop;

import dev.keelson.core.loop.Cancellable;
import dev.keelson.core.loop.LeaderElection;
import dev.keelson.core.loop.Scheduler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease, run by a {@link Scheduler} so that a virtual clock drives it: client-go's algorithm
 * (acquire or renew every retry period; optimistic concurrency on the Lease's resourceVersion; a candidate takes an
 * unreleased Lease only after it has seen it unchanged for leaseDurationSeconds on its own clock, so clock skew
 * between replicas does not matter; the leader steps down when it could not renew for the renew deadline).
 */
public final class LeaseElector {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseElector.class);

  private enum Attempt { LEADING, HELD_BY_OTHER, FAILED }

  private final String loop;
  private final KubernetesClient client;
  private final LeaderElection config;
  private final Scheduler scheduler;
  private final Clock clock;
  private final Runnable onStartLeading;
  private final Runnable onStopLeading;

  private final Object lock = new Object();
  private Lease current;
  private String observedVersion;
  private Instant observedAt;
  private Cancellable nextAttempt;
  private boolean stopped;
  private volatile boolean leading;
  private volatile Instant lastRenew = Instant.MIN;

  public LeaseElector(String loop, KubernetesClient client, LeaderElection config, Scheduler scheduler,
      Runnable onStartLeading, Runnable onStopLeading) {
    this.loop = loop;
    this.client = client;
    this.config = config;
    this.scheduler = scheduler;
    this.clock = scheduler.clock();
    this.onStartLeading = onStartLeading;
    this.onStopLeading = onStopLeading;
  }

  /** Makes the first attempt on the caller's thread, then keeps trying every retry period. */
  public void start() {
    attempt();
  }

  /** True while this replica holds the Lease and renewed it within the renew deadline. */
  public boolean isLeader() {
    return leading && clock.instant().isBefore(lastRenew.plus(config.renewDeadline()));
  }

  /**
   * Stops trying; if leading, steps down and, when {@code release}, hands the Lease back so that another replica
   * takes over at its next attempt instead of after the lease duration.
   */
  public void stop(boolean release) {
    synchronized (lock) {
      stopped = true;
      if (nextAttempt != null) {
        nextAttempt.cancel();
      }
      if (leading) {
        if (release) {
          release();
        }
        stepDown("the loop is closing");
      }
    }
  }

  private void attempt() {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      Attempt outcome;
      try {
        outcome = tryAcquireOrRenew();
      } catch (RuntimeException e) {
        LOG.debug("loop {}: could not acquire or renew lease {}: {}", loop, lease(), e.toString());
        outcome = Attempt.FAILED;
      }
      Instant now = clock.instant();
      if (outcome == Attempt.LEADING) {
        lastRenew = now;
        if (!leading) {
          leading = true;
          LOG.info("loop {}: {} became the leader (lease {})", loop, config.identity(), lease());
          onStartLeading.run();
        }
      } else if (leading && outcome == Attempt.HELD_BY_OTHER) {
        stepDown("lease " + lease() + " is held by " + holder(current));
      } else if (leading && !now.isBefore(lastRenew.plus(config.renewDeadline()))) {
        stepDown("could not renew lease " + lease() + " within " + config.renewDeadline());
      }
      nextAttempt = scheduler.schedule(config.retryPeriod(), this::attempt);
    }
  }

  private void stepDown(String why) {
    leading = false;
    LOG.info("loop {}: {} stopped leading: {}", loop, config.identity(), why);
    onStopLeading.run();
  }

  private Attempt tryAcquireOrRenew() {
    Instant now = clock.instant();
    if (leading && current != null && config.identity().equals(holder(current))) {
      // Renew from the Lease as last written: no read while nobody else touches it.
      try {
        write(holding(current, now));
        return Attempt.LEADING;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    Lease lease = leases().withName(config.leaseName()).get();
    if (lease == null) {
      try {
        current = leases().resource(newLease(now)).create();
        observe(current, now);
        return Attempt.LEADING;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          return Attempt.FAILED;
        }
        throw e;
      }
    }
    current = lease;
    observe(lease, now);
    String holder = holder(lease);
    if (!holder.isEmpty() && !holder.equals(config.identity())
        && observedAt.plus(leaseDuration(lease)).isAfter(now)) {
      return Attempt.HELD_BY_OTHER;
    }
    try {
      write(holding(lease, now));
      return Attempt.LEADING;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return Attempt.FAILED;
      }
      throw e;
    }
  }

  private void release() {
    Instant now = clock.instant();
    ZonedDateTime at = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
    try {
      write(new LeaseBuilder(current).editSpec().withHolderIdentity("").withLeaseDurationSeconds(1)
          .withAcquireTime(at).withRenewTime(at).endSpec().build());
      LOG.debug("loop {}: {} released lease {}", loop, config.identity(), lease());
    } catch (RuntimeException e) {
      LOG.warn("loop {}: could not release lease {}; another replica takes over once it expires: {}", loop,
          lease(), e.toString());
    }
  }

  /** The Lease as held by this replica from {@code now}: acquired now unless it already held it. */
  private Lease holding(Lease lease, Instant now) {
    ZonedDateTime at = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
    boolean renewal = config.identity().equals(holder(lease));
    int transitions = lease.getSpec().getLeaseTransitions() == null ? 0 : lease.getSpec().getLeaseTransitions();
    return new LeaseBuilder(lease).editSpec()
        .withHolderIdentity(config.identity())
        .withLeaseDurationSeconds((int) config.leaseDuration().getSeconds())
        .withAcquireTime(renewal && lease.getSpec().getAcquireTime() != null ? lease.getSpec().getAcquireTime() : at)
        .withRenewTime(at)
        .withLeaseTransitions(renewal ? transitions : transitions + 1)
        .endSpec().build();
  }

  private Lease newLease(Instant now) {
    ZonedDateTime at = ZonedDateTime.ofInstant(now, ZoneOffset.UTC);
    return new LeaseBuilder().withNewMetadata().withNamespace(config.leaseNamespace())
        .withName(config.leaseName()).endMetadata()
        .withNewSpec().withHolderIdentity(config.identity())
        .withLeaseDurationSeconds((int) config.leaseDuration().getSeconds())
        .withAcquireTime(at).withRenewTime(at).withLeaseTransitions(0).endSpec().build();
  }

  private void write(Lease lease) {
    Lease written = leases().resource(lease).update();
    current = written;
    observe(written, clock.instant());
  }

  private void observe(Lease lease, Instant now) {
    String version = lease.getMetadata().getResourceVersion();
    if (!Objects.equals(version, observedVersion)) {
      observedVersion = version;
      observedAt = now;
    }
  }

  private Duration leaseDuration(Lease lease) {
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    return seconds == null ? config.leaseDuration() : Duration.ofSeconds(seconds);
  }

  private static String holder(Lease lease) {
    String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    return holder == null ? "" : holder;
  }

  private NonNamespaceOperation<Lease, ?, Resource<Lease>> leases() {
    return client.leases().inNamespace(config.leaseNamespace());
  }

  private String lease() {
    return config.leaseNamespace() + "/" + config.leaseName();
  }
}
