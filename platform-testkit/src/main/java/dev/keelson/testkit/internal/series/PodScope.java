package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.api.Selector;
import java.util.Objects;

/**
 * Which pods (and optionally which of their containers) a scripted value applies to: a workload's pods, the pods a
 * label selector picks, or one pod by name. A more specific scope wins over a broader one for the pods both cover.
 *
 * @param container the container name, or null for every container
 */
public record PodScope(Kind kind, String namespace, String value, Selector selector, String container) {

  /** From broadest to most specific. */
  public enum Kind { WORKLOAD, SELECTOR, POD }

  public static PodScope workload(String namespace, String workload) {
    return new PodScope(Kind.WORKLOAD, require(namespace, "namespace"), require(workload, "workload"), null, null);
  }

  /** Pods of a namespace a label selector (Kubernetes syntax: {@code track=canary,version in (v2)}) picks. */
  public static PodScope selector(String namespace, String labelSelector) {
    Selector parsed = Selector.parseLabels(require(labelSelector, "labelSelector"));
    return new PodScope(Kind.SELECTOR, require(namespace, "namespace"), labelSelector, parsed, null);
  }

  public static PodScope pod(String namespace, String pod) {
    return new PodScope(Kind.POD, require(namespace, "namespace"), require(pod, "pod"), null, null);
  }

  public PodScope withContainer(String name) {
    return new PodScope(kind, namespace, value, selector, require(name, "container"));
  }

  int specificity() {
    return kind.ordinal() * 2 + (container == null ? 0 : 1);
  }

  boolean matches(TrackedPod pod) {
    if (!namespace.equals(pod.namespace())) {
      return false;
    }
    return switch (kind) {
      case WORKLOAD -> pod.owners().contains(value);
      case SELECTOR -> selector.matches(pod.labels());
      case POD -> value.equals(pod.name());
    };
  }

  /** Whether this scope covers a container; a null {@code name} stands for the pod as a whole. */
  boolean covers(String name) {
    return container == null || container.equals(name);
  }

  // Selector has no value equality: two scopes are the same when their written selectors are.
  @Override
  public boolean equals(Object o) {
    return o instanceof PodScope p && kind == p.kind && namespace.equals(p.namespace) && value.equals(p.value)
        && Objects.equals(container, p.container);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, namespace, value, container);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + namespace + "/" + value
        + (container == null ? "" : " container " + container);
  }

  private static String require(String s, String what) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return s;
  }
}
