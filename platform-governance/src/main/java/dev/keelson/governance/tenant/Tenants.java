package dev.keelson.governance.tenant;

import dev.keelson.core.apply.ApplyResult;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.events.EventBus;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Change;
import dev.keelson.core.plan.Plan;
import dev.keelson.core.plan.Planner;
import dev.keelson.governance.internal.tenant.TenantRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Onboards and offboards tenants through the one path every change takes: render, plan, apply. Each tenant's
 * objects form an ApplySet whose parent lives in the platform namespace ({@code keelson-system} by default), so a
 * changed spec prunes what it no longer wants and offboarding prunes everything, refusing to delete a namespace
 * that still runs pods unless told so.
 *
 * <pre>{@code
 * Tenants tenants = Tenants.on(client).actor("platform-bot").build();
 * tenants.onboard(shop);                       // namespaces, quotas, limits, network policies, role bindings
 * tenants.offboard("shop", Tenants.Offboarding.REFUSE_IF_RUNNING);
 * }</pre>
 */
public final class Tenants {
  /** Where ApplySet parents of tenants live unless configured otherwise. */
  public static final String PLATFORM_NAMESPACE = "keelson-system";

  /** What offboarding does with namespaces that still run pods. */
  public enum Offboarding {
    /** Refuse, naming the namespaces and their pods: nothing is deleted. */
    REFUSE_IF_RUNNING,
    /** Delete them with everything in them. */
    DELETE_RUNNING_WORKLOADS
  }

  private final KubernetesClient client;
  private final String platformNamespace;
  private final Planner.Builder planner;
  private final Applier applier;

  private Tenants(Builder b) {
    this.client = b.client;
    this.platformNamespace = b.platformNamespace;
    this.planner = b.planner;
    this.applier = b.applier.build();
  }

  public static Builder on(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /** The tenant's objects, rendered without a cluster. */
  public static List<HasMetadata> render(TenantSpec tenant) {
    return TenantRenderer.render(tenant);
  }

  /** The set a tenant's objects are applied as. */
  public ApplySet applySet(String tenant) {
    return ApplySet.of("tenant-" + tenant, platformNamespace);
  }

  /** What onboarding (or updating) the tenant would change. */
  public Plan planOnboarding(TenantSpec tenant) {
    ensurePlatformNamespace();
    return planner.applySet(applySet(tenant.name())).build().plan(render(tenant));
  }

  /** Onboards the tenant, or brings it in line with a changed spec (pruning what the spec no longer has). */
  public ApplyResult onboard(TenantSpec tenant) {
    return applier.apply(planOnboarding(tenant));
  }

  /** What offboarding would delete. */
  public Plan planOffboarding(String tenant) {
    ensurePlatformNamespace();
    return planner.applySet(applySet(tenant)).build().plan(List.of());
  }

  /**
   * Deletes everything the tenant was given.
   *
   * @throws TenantInUseException when a namespace still runs pods and {@code mode} is
   *     {@link Offboarding#REFUSE_IF_RUNNING}; nothing is deleted then
   */
  public ApplyResult offboard(String tenant, Offboarding mode) {
    Plan plan = planOffboarding(tenant);
    if (mode == Offboarding.REFUSE_IF_RUNNING) {
      Map<String, List<String>> running = new TreeMap<>();
      for (Change change : plan.deletes()) {
        if (change.ref().kind().equals("Namespace")) {
          List<String> pods = client.pods().inNamespace(change.ref().name()).list().getItems().stream()
              .filter(Tenants::isRunning).map(p -> p.getMetadata().getName()).sorted().toList();
          if (!pods.isEmpty()) {
            running.put(change.ref().name(), pods);
          }
        }
      }
      if (!running.isEmpty()) {
        throw new TenantInUseException(tenant, running);
      }
    }
    return applier.apply(plan);
  }

  private static boolean isRunning(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return pod.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase)
        && !"Failed".equals(phase);
  }

  private void ensurePlatformNamespace() {
    if (client.namespaces().withName(platformNamespace).get() == null) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(platformNamespace).endMetadata().build())
          .create();
    }
  }

  /** Configures {@link Tenants}. */
  public static final class Builder {
    private final KubernetesClient client;
    private String platformNamespace = PLATFORM_NAMESPACE;
    private final Planner.Builder planner;
    private final Applier.Builder applier;

    private Builder(KubernetesClient client) {
      this.client = client;
      this.planner = Planner.on(client);
      this.applier = Applier.on(client).reason("tenant onboarding");
    }

    /** Where the tenants' ApplySet parents live; created when missing. */
    public Builder platformNamespace(String value) {
      this.platformNamespace = Objects.requireNonNull(value, "platformNamespace");
      return this;
    }

    /** Who the audit records name. */
    public Builder actor(String value) {
      applier.actor(value);
      return this;
    }

    /** Where the apply's events and audit records go. */
    public Builder events(EventBus bus) {
      applier.events(bus);
      return this;
    }

    public Tenants build() {
      return new Tenants(this);
    }
  }
}
