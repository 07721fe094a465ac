package dev.keelson.core.apply;

import dev.keelson.core.RetryPolicy;
import dev.keelson.core.events.EventBus;
import dev.keelson.core.internal.apply.ApplyRun;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Executes {@link Plan}s with server-side apply under one field manager. Unchanged objects get no request at all;
 * the others are written tier by tier (namespaces and CRDs, RBAC and configuration, workloads, routes, then the
 * rest), concurrently within a tier; objects pruned from an ApplySet are deleted last, in reverse order, and only
 * when every write before them succeeded.
 *
 * <p>429, 5xx and lost connections are retried with bounded exponential back-off; a 409 that is not a field
 * conflict makes the applier re-read the object and re-plan it. A field another manager owns is a conflict: it
 * fails the object naming the manager and the fields, unless {@link Builder#force(boolean) force} is on. When
 * something fails, later tiers are not attempted and an {@link ApplyException} reports exactly what was written,
 * what failed, and what was not attempted. Every write is audited ({@link dev.keelson.core.events.AuditRecord})
 * and announced ({@link ObjectApplied}) on the event bus.
 *
 * <pre>{@code
 * Applier applier = Applier.on(client).actor("ci@build-4711").reason("release 1.4.3")
 *     .waitForReadiness(Duration.ofMinutes(5)).build();
 * ApplyResult result = applier.apply(plan);
 * }</pre>
 */
public final class Applier {
  private final Settings settings;

  private Applier(Settings settings) {
    this.settings = settings;
  }

  /** An applier writing to the cluster {@code client} talks to. */
  public static Builder on(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Applies {@code plan}.
   *
   * @throws IllegalArgumentException when the plan was computed for another field manager
   * @throws ApplyException when any object failed, was not attempted or did not become ready
   */
  public ApplyResult apply(Plan plan) {
    Objects.requireNonNull(plan, "plan");
    if (!plan.fieldManager().equals(settings.fieldManager())) {
      throw new IllegalArgumentException("plan " + plan.correlationId() + " was computed for field manager \""
          + plan.fieldManager() + "\", this applier applies as \"" + settings.fieldManager() + "\"");
    }
    return new ApplyRun(settings, plan).execute();
  }

  /**
   * Everything an applier is configured with.
   *
   * @param client the cluster
   * @param fieldManager the server-side apply field manager
   * @param force whether to take fields other managers own
   * @param actor who the audit records name
   * @param reason why, for the audit records
   * @param events where events and audit records go
   * @param retry how 429, 5xx and lost connections are retried
   * @param concurrency how many objects of one tier are written at once
   * @param clock the time of events and of the readiness deadline
   * @param readinessTimeout how long to wait for rollouts; null to not wait
   * @param pollInterval how often readiness is checked
   */
  public record Settings(KubernetesClient client, String fieldManager, boolean force, String actor, String reason,
      EventBus events, RetryPolicy retry, int concurrency, Clock clock, Duration readinessTimeout,
      Duration pollInterval) {
  }

  /** Configures an {@link Applier}. */
  public static final class Builder {
    private final KubernetesClient client;
    private String fieldManager = Planner.DEFAULT_FIELD_MANAGER;
    private boolean force;
    private String actor = "keelson";
    private String reason = "";
    private EventBus events = EventBus.create();
    private RetryPolicy retry = RetryPolicy.defaults();
    private int concurrency = 8;
    private Clock clock = Clock.systemUTC();
    private Duration readinessTimeout;
    private Duration pollInterval = Duration.ofSeconds(1);

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    /** The field manager; must be the one the plan was computed for. {@code keelson} by default. */
    public Builder fieldManager(String value) {
      this.fieldManager = Planner.checkFieldManager(value);
      return this;
    }

    /** Take fields other managers own instead of failing on the conflict. Off by default. */
    public Builder force(boolean value) {
      this.force = value;
      return this;
    }

    /** Who the audit records name as having made the change: a user, a pipeline, a controller. */
    public Builder actor(String value) {
      this.actor = Objects.requireNonNull(value, "actor");
      return this;
    }

    /** Why the change is made, recorded on every audit record. */
    public Builder reason(String value) {
      this.reason = Objects.requireNonNull(value, "reason");
      return this;
    }

    /** Where events and audit records are published. */
    public Builder events(EventBus value) {
      this.events = Objects.requireNonNull(value, "events");
      return this;
    }

    public Builder retry(RetryPolicy value) {
      this.retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /** How many objects of one tier are written at once; 8 by default. */
    public Builder concurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("concurrency: must be at least 1, got " + value);
      }
      this.concurrency = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** After writing, wait up to {@code timeout} (on the clock) for workloads to roll out and Jobs to complete. */
    public Builder waitForReadiness(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("waitForReadiness: timeout must be positive, got " + timeout);
      }
      this.readinessTimeout = timeout;
      return this;
    }

    /** How often readiness is checked while waiting (wall time); 1 s by default. */
    public Builder pollInterval(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("pollInterval: must not be negative, got " + value);
      }
      this.pollInterval = value;
      return this;
    }

    public Applier build() {
      return new Applier(new Settings(client, fieldManager, force, actor, reason, events, retry, concurrency, clock,
          readinessTimeout, pollInterval));
    }
  }
}
