package dev.keelson.core.internal.plan;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.plan.ApplySet;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.Listable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads what the planner compares against, with as few requests as the answer allows: the ApplySet's members with
 * one labelled list per group-kind, namespaces with one list, and for the remaining desired objects nothing at all
 * when their namespace does not exist yet, one list per kind and namespace when there are several, else a get each.
 */
public final class LiveState {
  /** Objects of one kind in one namespace from which a list is cheaper than a get each. */
  private static final int LIST_THRESHOLD = 3;

  private final Kinds kinds;
  private final Retrier retrier;
  private final Map<ObjectRef, GenericKubernetesResource> objects = new HashMap<>();
  private final Map<ObjectRef, GenericKubernetesResource> members = new LinkedHashMap<>();
  private Set<String> namespaces;
  private GenericKubernetesResource parent;

  public LiveState(Kinds kinds, Retrier retrier) {
    this.kinds = kinds;
    this.retrier = retrier;
  }

  /** The live object, if it exists (after {@link #load}). */
  public Optional<GenericKubernetesResource> get(ObjectRef ref) {
    return Optional.ofNullable(objects.get(ref));
  }

  /** The ApplySet's live members, by reference. */
  public Map<ObjectRef, GenericKubernetesResource> members() {
    return members;
  }

  /** The ApplySet parent, if it exists. */
  public Optional<GenericKubernetesResource> parent() {
    return Optional.ofNullable(parent);
  }

  /** Names of the namespaces that exist. */
  public Set<String> namespaces() {
    if (namespaces == null) {
      APIResource ns = kinds.resource("v1", "Namespace").orElseThrow();
      namespaces = new TreeSet<>();
      for (GenericKubernetesResource n : list("namespaces", kinds.operations("v1", ns))) {
        namespaces.add(n.getMetadata().getName());
        objects.put(ref(n), n);
      }
    }
    return namespaces;
  }

  /** The group-kinds the parent records ({@code contains-group-kinds}); empty without a parent. */
  public Set<String> recordedGroupKinds() {
    if (parent == null || parent.getMetadata().getAnnotations() == null) {
      return Set.of();
    }
    String value = parent.getMetadata().getAnnotations().getOrDefault(ApplySet.GROUP_KINDS_ANNOTATION, "");
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Reads the parent and the members of every group-kind the set has or will have. */
  public void loadApplySet(ApplySet set, Map<String, String> apiVersionByGroupKind) {
    APIResource secrets = kinds.resource("v1", "Secret").orElseThrow();
    parent = retrier.call("get " + set, () -> kinds.operations("v1", secrets).inNamespace(set.namespace())
        .withName(set.name()).get()).value();
    Set<String> groupKinds = new TreeSet<>(recordedGroupKinds());
    groupKinds.addAll(apiVersionByGroupKind.keySet());
    for (String gk : groupKinds) {
      Optional<String> apiVersion = Optional.ofNullable(apiVersionByGroupKind.get(gk)).or(() -> kinds.apiVersionOf(gk));
      String kind = gk.contains(".") ? gk.substring(0, gk.indexOf('.')) : gk;
      Optional<APIResource> resource = apiVersion.flatMap(v -> kinds.resource(v, kind));
      if (resource.isEmpty()) {
        continue; // the kind is no longer served (a CRD removed): nothing of it can be left to prune
      }
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
          kinds.operations(apiVersion.get(), resource.get());
      List<GenericKubernetesResource> found = retrier.call("list " + gk + " of " + set, () ->
          (Boolean.TRUE.equals(resource.get().getNamespaced()) ? ops.inAnyNamespace() : ops)
              .withLabel(ApplySet.PART_OF_LABEL, set.id()).list().getItems()).value();
      for (GenericKubernetesResource member : found) {
        members.put(ref(member), member);
        objects.put(ref(member), member);
      }
    }
  }

  /** Reads the desired objects not known yet. */
  public void load(Collection<ObjectRef> wanted) {
    Map<List<String>, List<ObjectRef>> groups = new LinkedHashMap<>();
    for (ObjectRef ref : wanted) {
      if (objects.containsKey(ref) || (!ref.isClusterScoped() && !namespaces().contains(ref.namespace()))) {
        continue; // known, or in a namespace that does not exist yet: cannot exist
      }
      if (ref.kind().equals("Namespace") && ref.apiVersion().equals("v1")) {
        namespaces();
        continue;
      }
      groups.computeIfAbsent(List.of(ref.apiVersion(), ref.kind(), ref.namespace()), k -> new java.util.ArrayList<>())
          .add(ref);
    }
    groups.forEach((key, refs) -> {
      Optional<APIResource> resource = kinds.resource(key.get(0), key.get(1));
      if (resource.isEmpty()) {
        return; // a kind created by this plan (a CRD's instances): nothing can exist yet
      }
      MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
          kinds.operations(key.get(0), resource.get());
      if (refs.size() >= LIST_THRESHOLD) {
        for (GenericKubernetesResource o : list(key.get(1), key.get(2).isEmpty() ? ops
            : ops.inNamespace(key.get(2)))) {
          objects.putIfAbsent(ref(o), o);
        }
      } else {
        for (ObjectRef ref : refs) {
          GenericKubernetesResource o = retrier.call("get " + ref, () -> (ref.isClusterScoped() ? ops
              : ops.inNamespace(ref.namespace())).withName(ref.name()).get()).value();
          if (o != null) {
            objects.put(ref, o);
          }
        }
      }
    });
  }

  private List<GenericKubernetesResource> list(String what, Listable<GenericKubernetesResourceList> ops) {
    return retrier.call("list " + what, () -> ops.list().getItems()).value();
  }

  static ObjectRef ref(GenericKubernetesResource o) {
    return ObjectRef.of(o);
  }
}
