package dev.keelson.core.internal.apply;

import dev.keelson.core.apply.Applier;
import dev.keelson.core.internal.plan.Kinds;
import dev.keelson.core.internal.plan.Retrier;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the ApplySet parent's record right across a crash: before any member is written it records the union of
 * the old and the new group-kinds and namespaces (so that a member written before a crash is always found for
 * pruning), and only after pruning succeeded it records exactly the new ones.
 */
final class ApplySetParent {
  private final Applier.Settings settings;
  private final Plan plan;
  private final Kinds kinds;
  private final Retrier retrier;
  private GenericKubernetesResource current;
  private boolean read;

  ApplySetParent(Applier.Settings settings, Plan plan, Kinds kinds, Retrier retrier) {
    this.settings = settings;
    this.plan = plan;
    this.kinds = kinds;
    this.retrier = retrier;
  }

  /** True when the parent's namespace is one the plan creates, so the parent can only be written after it. */
  boolean waitsForNamespace() {
    return plan.applySet().map(set -> plan.creates().stream().anyMatch(c -> c.ref().groupKind().equals("Namespace")
        && c.ref().name().equals(set.namespace()))).orElse(false);
  }

  /** Records old ∪ new; returns the number of writes (0 or 1). */
  int recordUnion() {
    if (plan.applySet().isEmpty()) {
      return 0;
    }
    Set<String> groupKinds = new TreeSet<>(recorded(ApplySet.GROUP_KINDS_ANNOTATION));
    groupKinds.addAll(plan.groupKinds());
    Set<String> namespaces = new TreeSet<>(recorded(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION));
    namespaces.addAll(additionalNamespaces());
    return record(groupKinds, namespaces);
  }

  /** Records exactly the new group-kinds and namespaces; returns the number of writes (0 or 1). */
  int recordExactly() {
    if (plan.applySet().isEmpty()) {
      return 0;
    }
    return record(plan.groupKinds(), additionalNamespaces());
  }

  private Set<String> additionalNamespaces() {
    String own = plan.applySet().orElseThrow().namespace();
    return plan.namespaces().stream().filter(ns -> !ns.equals(own)).collect(Collectors.toCollection(TreeSet::new));
  }

  private int record(Set<String> groupKinds, Set<String> namespaces) {
    ApplySet set = plan.applySet().orElseThrow();
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(ApplySet.TOOLING_ANNOTATION, ApplySet.TOOLING);
    annotations.put(ApplySet.GROUP_KINDS_ANNOTATION, String.join(",", groupKinds));
    if (!namespaces.isEmpty()) {
      annotations.put(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION, String.join(",", namespaces));
    }
    GenericKubernetesResource live = current();
    if (live != null && live.getMetadata().getAnnotations() != null
        && annotations.equals(subset(live.getMetadata().getAnnotations()))
        && live.getMetadata().getLabels() != null
        && set.id().equals(live.getMetadata().getLabels().get(ApplySet.ID_LABEL))) {
      return 0;
    }
    GenericKubernetesResource parent = new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Secret")
        .withNewMetadata().withName(set.name()).withNamespace(set.namespace())
        .addToLabels(ApplySet.ID_LABEL, set.id()).withAnnotations(annotations).endMetadata().build();
    current = retrier.call("apply " + set, () -> kinds.operations("v1", kinds.resource("v1", "Secret")
        .orElseThrow()).inNamespace(set.namespace()).resource(parent).fieldManager(settings.fieldManager())
        .forceConflicts().serverSideApply()).value();
    return 1;
  }

  private Map<String, String> subset(Map<String, String> annotations) {
    Map<String, String> ours = new TreeMap<>();
    annotations.forEach((k, v) -> {
      if (k.startsWith("applyset.kubernetes.io/")) {
        ours.put(k, v);
      }
    });
    return ours;
  }

  private Set<String> recorded(String annotation) {
    GenericKubernetesResource live = current();
    if (live == null || live.getMetadata().getAnnotations() == null) {
      return Set.of();
    }
    return Arrays.stream(live.getMetadata().getAnnotations().getOrDefault(annotation, "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
  }

  private GenericKubernetesResource current() {
    if (!read) {
      ApplySet set = plan.applySet().orElseThrow();
      current = retrier.call("get " + set, () -> kinds.operations("v1", kinds.resource("v1", "Secret")
          .orElseThrow()).inNamespace(set.namespace()).withName(set.name()).get()).value();
      read = true;
    }
    return current;
  }
}
