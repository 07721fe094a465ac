package dev.keelson.core.plan;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.RetryPolicy;
import dev.keelson.core.internal.plan.ApplyOrder;
import dev.keelson.core.internal.plan.DesiredObject;
import dev.keelson.core.internal.plan.Kinds;
import dev.keelson.core.internal.plan.LiveState;
import dev.keelson.core.internal.plan.ObjectDiff;
import dev.keelson.core.internal.plan.Retrier;
import dev.keelson.core.internal.plan.ServerDryRun;
import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.validation.Names;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Computes {@link Plan}s: compares desired objects with the live cluster (or with nothing, offline) and says, per
 * object, whether applying would create, update (which fields), delete (prune) or leave it alone. Nothing is
 * written. Every object is validated first; a plan is only returned when all of them are applicable.
 *
 * <p>Reads are few: one list per group-kind for an ApplySet's members, one list of namespaces, and for other
 * objects no read when their namespace does not exist yet, else a list per kind and namespace or a get each.
 * Whether an update is needed is decided locally, the way server-side apply decides it: by the desired values and
 * by the fields this field manager owns ({@code managedFields}); an update found that way is then confirmed with a
 * server-side dry run, which sees what a local comparison cannot (mutating webhooks, CRD defaulting).
 *
 * <pre>{@code
 * Planner planner = Planner.on(client).applySet(ApplySet.of("shop", "shop")).build();
 * Plan plan = planner.plan(Keelson.renderer().render(app));
 * }</pre>
 */
public final class Planner {
  /** The field manager Keelson applies as unless told otherwise. */
  public static final String DEFAULT_FIELD_MANAGER = "keelson";

  private final KubernetesClient client;
  private final String fieldManager;
  private final ApplySet applySet;
  private final Clock clock;
  private final Retrier retrier;
  private final KubernetesSerialization serialization;
  private final Kinds kinds;
  private final ServerDryRun dryRun;

  private Planner(Builder b) {
    this.client = b.client;
    this.fieldManager = b.fieldManager;
    this.applySet = b.applySet;
    this.clock = b.clock;
    this.retrier = new Retrier(b.retry);
    this.serialization = client == null ? new KubernetesSerialization() : client.getKubernetesSerialization();
    this.kinds = client == null ? null : new Kinds(client, retrier);
    this.dryRun = client == null || !b.confirmWithServer ? null
        : new ServerDryRun(kinds, retrier, serialization, fieldManager);
  }

  /** A planner that compares with the cluster {@code client} talks to. */
  public static Builder on(KubernetesClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /** A planner without a cluster: every object is a create, nothing is pruned. */
  public static Builder offline() {
    return new Builder(null);
  }

  /** The field manager plans are computed for. */
  public String fieldManager() {
    return fieldManager;
  }

  /**
   * The plan for applying exactly {@code objects}.
   *
   * @throws SpecException listing every object that cannot be applied (missing or invalid names, unknown kinds,
   *     wrong scope, missing namespaces, duplicates, members of another ApplySet); nothing is planned then
   */
  public Plan plan(Collection<? extends HasMetadata> objects) {
    Objects.requireNonNull(objects, "objects");
    List<Violation> violations = new ArrayList<>();
    List<DesiredObject> desired = normalize(objects, violations);
    LiveState live = client == null ? null : new LiveState(kinds, retrier);
    if (live != null) {
      checkScopes(desired, live, violations);
    }
    throwIfAny(objects.size(), violations);

    Map<String, String> apiVersions = new TreeMap<>();
    desired.forEach(d -> apiVersions.putIfAbsent(d.ref().groupKind(), d.ref().apiVersion()));
    Set<String> recorded = Set.of();
    if (live != null) {
      if (applySet != null) {
        live.loadApplySet(applySet, apiVersions);
        checkParent(live, violations);
        recorded = live.recordedGroupKinds();
      }
      live.load(desired.stream().map(DesiredObject::ref).toList());
    }

    List<Change> changes = new ArrayList<>();
    Set<ObjectRef> wanted = new HashSet<>();
    for (DesiredObject d : desired) {
      wanted.add(d.ref());
      Optional<GenericKubernetesResource> current = live == null ? Optional.empty() : live.get(d.ref());
      current.ifPresent(c -> checkNotForeignMember(d.ref(), c, violations));
      changes.add(current.map(c -> compare(d, c)).orElseGet(() ->
          new Change(d.ref(), Change.Action.CREATE, d.object(), null, List.of(), "new")));
    }
    throwIfAny(objects.size(), violations);
    changes.sort(Comparator.comparing(Change::ref, ApplyOrder.APPLY));
    if (live != null && applySet != null) {
      List<Change> deletes = new ArrayList<>();
      live.members().forEach((ref, member) -> {
        if (!wanted.contains(ref)) {
          deletes.add(new Change(ref, Change.Action.DELETE, null, member, List.of(),
              "pruned: left the spec of " + applySet));
        }
      });
      deletes.sort(Comparator.comparing(Change::ref, ApplyOrder.APPLY.reversed()));
      changes.addAll(deletes);
    }
    Set<String> namespaces = new TreeSet<>();
    desired.forEach(d -> {
      if (!d.ref().isClusterScoped()) {
        namespaces.add(d.ref().namespace());
      }
    });
    return new Plan(UUID.randomUUID().toString(), fieldManager, applySet, changes, clock.instant(), recorded,
        apiVersions.keySet(), namespaces);
  }

  private Change compare(DesiredObject d, GenericKubernetesResource current) {
    List<FieldChange> fields = ObjectDiff.compare(d.json(), serialization.convertValue(current, JsonNode.class),
        fieldManager);
    if (fields.isEmpty()) {
      return new Change(d.ref(), Change.Action.NO_OP, d.object(), current, List.of(), "");
    }
    if (dryRun != null && dryRun.wouldChangeNothing(d.ref(), d.object(), current).orElse(false)) {
      return new Change(d.ref(), Change.Action.NO_OP, d.object(), current, List.of(),
          "the server's dry run changes nothing");
    }
    long values = fields.stream().filter(f -> f.kind() != FieldChange.Kind.OWNED).count();
    String reason = values == 0 ? "take ownership of " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
        : values + " field" + (values == 1 ? " differs" : "s differ");
    return new Change(d.ref(), Change.Action.UPDATE, d.object(), current, fields, reason);
  }

  private List<DesiredObject> normalize(Collection<? extends HasMetadata> objects, List<Violation> violations) {
    List<DesiredObject> desired = new ArrayList<>();
    Map<ObjectRef, Integer> seen = new LinkedHashMap<>();
    int index = 0;
    for (HasMetadata object : objects) {
      String path = "objects[" + index++ + "]";
      if (object == null) {
        violations.add(new Violation(path, "required", "must not be null"));
        continue;
      }
      if (object.getApiVersion() == null || object.getKind() == null) {
        violations.add(new Violation(path, "required", "apiVersion and kind are required"));
        continue;
      }
      String name = object.getMetadata() == null ? null : object.getMetadata().getName();
      path = object.getKind() + (object.getMetadata() != null && object.getMetadata().getNamespace() != null
          ? " " + object.getMetadata().getNamespace() + "/" : " ") + (name == null ? "<unnamed>" : name);
      if (name == null || name.isEmpty()) {
        violations.add(new Violation(path + ".metadata.name", "required",
            "server-side apply needs a name (generateName cannot be applied)"));
        continue;
      }
      for (String problem : Names.dns1123Subdomain(name)) {
        violations.add(new Violation(path + ".metadata.name", "dns-1123-subdomain", problem));
      }
      DesiredObject d = DesiredObject.of(object, applySet, serialization);
      Integer first = seen.putIfAbsent(d.ref(), index - 1);
      if (first != null) {
        violations.add(new Violation(path, "unique", "appears twice (objects[" + first + "] and objects["
            + (index - 1) + "])"));
        continue;
      }
      desired.add(d);
    }
    return desired;
  }

  /** Kinds must be served (or defined by a CRD in the plan), scopes right, namespaces existing or planned. */
  private void checkScopes(List<DesiredObject> desired, LiveState live, List<Violation> violations) {
    Set<String> plannedNamespaces = new HashSet<>();
    Set<String> plannedCrdKinds = new HashSet<>();
    for (DesiredObject d : desired) {
      if (d.ref().groupKind().equals("Namespace")) {
        plannedNamespaces.add(d.ref().name());
      }
      if (d.ref().groupKind().equals("CustomResourceDefinition.apiextensions.k8s.io")) {
        JsonNode spec = d.json().path("spec");
        plannedCrdKinds.add(spec.path("names").path("kind").asString("") + "." + spec.path("group").asString(""));
      }
    }
    for (DesiredObject d : desired) {
      ObjectRef ref = d.ref();
      Optional<APIResource> resource = kinds.resource(ref.apiVersion(), ref.kind());
      if (resource.isEmpty()) {
        if (!plannedCrdKinds.contains(ref.groupKind())) {
          violations.add(new Violation(ref.toString(), "served-kind", "the cluster does not serve kind "
              + ref.kind() + " in " + ref.apiVersion()));
        }
        continue;
      }
      boolean namespaced = Boolean.TRUE.equals(resource.get().getNamespaced());
      if (namespaced && ref.isClusterScoped()) {
        violations.add(new Violation(ref + ".metadata.namespace", "required", ref.kind()
            + " is namespaced: metadata.namespace is required"));
      } else if (!namespaced && !ref.isClusterScoped()) {
        violations.add(new Violation(ref + ".metadata.namespace", "cluster-scoped", ref.kind()
            + " is cluster-scoped: metadata.namespace must be empty"));
      } else if (namespaced && !plannedNamespaces.contains(ref.namespace())
          && !live.namespaces().contains(ref.namespace())) {
        violations.add(new Violation(ref + ".metadata.namespace", "namespace-exists", "namespace \""
            + ref.namespace() + "\" does not exist and is not in the plan"));
      }
    }
  }

  private void checkParent(LiveState live, List<Violation> violations) {
    live.parent().ifPresent(parent -> {
      Map<String, String> annotations = parent.getMetadata().getAnnotations() == null ? Map.of()
          : parent.getMetadata().getAnnotations();
      Map<String, String> labels = parent.getMetadata().getLabels() == null ? Map.of()
          : parent.getMetadata().getLabels();
      String tooling = annotations.get(ApplySet.TOOLING_ANNOTATION);
      if (!applySet.id().equals(labels.get(ApplySet.ID_LABEL)) || tooling == null) {
        violations.add(new Violation(applySet.toString(), "applyset-parent", "Secret " + applySet.namespace()
            + "/" + applySet.name() + " exists but is not an ApplySet parent (no " + ApplySet.ID_LABEL + "="
            + applySet.id() + " label or no " + ApplySet.TOOLING_ANNOTATION + " annotation)"));
      } else if (!tooling.startsWith("keelson/")) {
        violations.add(new Violation(applySet.toString(), "applyset-tooling", "the set is managed by \""
            + tooling + "\", not keelson; refusing to take it over"));
      }
    });
  }

  private void checkNotForeignMember(ObjectRef ref, GenericKubernetesResource live, List<Violation> violations) {
    Map<String, String> labels = live.getMetadata().getLabels();
    String partOf = labels == null ? null : labels.get(ApplySet.PART_OF_LABEL);
    if (partOf != null && (applySet == null || !partOf.equals(applySet.id()))) {
      violations.add(new Violation(ref.toString(), "applyset-member", "already belongs to ApplySet " + partOf
          + (applySet == null ? "" : ", not " + applySet.id())));
    }
  }

  /**
   * A field manager name as the API server accepts it (1 to 128 characters).
   *
   * @throws IllegalArgumentException naming the rule otherwise
   */
  public static String checkFieldManager(String value) {
    if (value == null || value.isBlank() || value.length() > 128) {
      throw new IllegalArgumentException("fieldManager: must be 1 to 128 characters, got " + value);
    }
    return value;
  }

  private static void throwIfAny(int count, List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new SpecException("Plan of " + count + " object" + (count == 1 ? "" : "s"), violations);
    }
  }

  /** Configures a {@link Planner}. */
  public static final class Builder {
    private final KubernetesClient client;
    private String fieldManager = DEFAULT_FIELD_MANAGER;
    private ApplySet applySet;
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retry = RetryPolicy.defaults();
    private boolean confirmWithServer = true;

    private Builder(KubernetesClient client) {
      this.client = client;
    }

    /** The server-side apply field manager; {@code keelson} by default. */
    public Builder fieldManager(String value) {
      this.fieldManager = Planner.checkFieldManager(value);
      return this;
    }

    /** Record membership in this set and prune members that left the spec. */
    public Builder applySet(ApplySet value) {
      this.applySet = Objects.requireNonNull(value, "applySet");
      return this;
    }

    /** The clock plans are stamped with. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How reads are retried on 429, 5xx and lost connections. */
    public Builder retry(RetryPolicy value) {
      this.retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /**
     * Whether an update found locally is confirmed with a server-side dry run ({@code dryRun=All}) before it is
     * planned; on by default. The local comparison cannot see mutating webhooks, CRD defaulting or value
     * normalisation it does not know; a dry run costs one request per changed object and none for unchanged ones.
     */
    public Builder confirmWithServer(boolean value) {
      this.confirmWithServer = value;
      return this;
    }

    public Planner build() {
      return new Planner(this);
    }
  }
}
