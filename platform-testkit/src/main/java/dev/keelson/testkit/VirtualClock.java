package dev.keelson.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulated cluster's time. It moves only when a test says so ({@link SimulatedCluster#advance(Duration)}),
 * so a 30-minute canary runs in milliseconds and every run sees the same timestamps. Pass it to code under test
 * wherever that code takes a {@link Clock}.
 *
 * <pre>{@code
 * Instant start = cluster.clock().instant();
 * cluster.advance(Duration.ofMinutes(5));
 * assertThat(cluster.clock().instant()).isEqualTo(start.plus(Duration.ofMinutes(5)));
 * }</pre>
 */
public final class VirtualClock extends Clock {

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  public VirtualClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zoneId) {
    return new VirtualClock(now, zoneId);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves time forward; used by the cluster, which also runs what became due. */
  void moveTo(Instant instant) {
    now.updateAndGet(current -> instant.isAfter(current) ? instant : current);
  }
}
