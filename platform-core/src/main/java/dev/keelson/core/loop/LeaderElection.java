package dev.keelson.core.loop;

import dev.keelson.core.internal.validate.Checks;
import dev.keelson.core.spec.SpecStyle;
import java.time.Duration;
import java.util.UUID;
import org.immutables.value.Value;

/**
 * Leader election for a {@link ControlLoop} on a {@code coordination.k8s.io/v1} Lease, with client-go's timing:
 * the leader renews the Lease every {@link #retryPeriod()}; if it cannot renew for {@link #renewDeadline()} it
 * stops reconciling; the others take over once the Lease has not changed for {@link #leaseDuration()}. Because
 * the renew deadline is shorter than the lease duration, a leader that lost touch stops before anyone else
 * starts.
 *
 * <pre>{@code
 * LeaderElection.lease("platform", "release-executor")               // 15 s lease, 10 s renew deadline, 2 s retry
 * LeaderElection.lease("platform", "release-executor").withIdentity(podName)
 * }</pre>
 *
 * <p>The replica that runs with it needs {@code get}, {@code create} and {@code update} on {@code leases} in
 * {@link #leaseNamespace()}.
 */
@Value.Immutable
@SpecStyle
public abstract class LeaderElection {

  /** The namespace of the Lease. */
  public abstract String leaseNamespace();

  /** The name of the Lease; every replica of one loop uses the same name. */
  public abstract String leaseName();

  /**
   * Who this replica is, as written to {@code holderIdentity}: unique per replica. By default the host name
   * (the pod's name in Kubernetes) and a random suffix.
   */
  @Value.Default
  public String identity() {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "keelson" : host) + "_" + UUID.randomUUID();
  }

  /** The same election for another replica: a copy with {@code identity}. */
  public abstract LeaderElection withIdentity(String identity);

  /** How long the Lease must stay unchanged before another replica may take it; whole seconds. */
  @Value.Default
  public Duration leaseDuration() {
    return Duration.ofSeconds(15);
  }

  /** How long the leader keeps trying to renew before it stops reconciling. */
  @Value.Default
  public Duration renewDeadline() {
    return Duration.ofSeconds(10);
  }

  /** How often replicas try to acquire, and the leader to renew, the Lease. */
  @Value.Default
  public Duration retryPeriod() {
    return Duration.ofSeconds(2);
  }

  @Value.Check
  protected void check() {
    Checks root = Checks.root();
    root.at("leaseNamespace").dnsLabel(leaseNamespace());
    root.at("leaseName").dnsSubdomain(leaseName());
    if (identity().isBlank()) {
      root.at("identity").fail("required", "must not be blank");
    }
    if (leaseDuration().getNano() != 0 || leaseDuration().getSeconds() < 1) {
      root.at("leaseDuration").fail("whole-seconds", "must be a whole number of seconds, at least 1 (the Lease "
          + "stores leaseDurationSeconds), got " + leaseDuration());
    }
    if (retryPeriod().isNegative() || retryPeriod().isZero()) {
      root.at("retryPeriod").fail("positive", "must be positive, got " + retryPeriod());
    }
    if (renewDeadline().compareTo(retryPeriod()) <= 0) {
      root.at("renewDeadline").fail("order", "must be longer than retryPeriod " + retryPeriod() + ", got "
          + renewDeadline());
    }
    if (leaseDuration().compareTo(renewDeadline()) <= 0) {
      root.at("leaseDuration").fail("order", "must be longer than renewDeadline " + renewDeadline()
          + ", so that a leader stops before another takes over, got " + leaseDuration());
    }
    root.throwIfAny("LeaderElection");
  }

  /** Election on the Lease {@code namespace/name} with the default identity and timing. */
  public static ImmutableLeaderElection lease(String namespace, String name) {
    return builder().leaseNamespace(namespace).leaseName(name).build();
  }

  public static ImmutableLeaderElection.Builder builder() {
    return ImmutableLeaderElection.builder();
  }
}
