package dev.keelson.core.internal.render;

import dev.keelson.core.defaults.Default;
import dev.keelson.core.validation.ImageReference;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The labels Keelson puts on objects: stable selector labels and the recommended {@code app.kubernetes.io} set. */
final class AppLabels {

  static final String NAME = "app.kubernetes.io/name";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String VERSION = "app.kubernetes.io/version";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private AppLabels() {
  }

  /** Selector labels: only what never changes between versions of the app. */
  static Map<String, String> selector(WorkloadSpec w) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, w.name());
    labels.put(INSTANCE, w.instance().orElse(w.name()));
    return labels;
  }

  /** Labels of objects around the workload (Service, config, policies): no version, so releases do not touch them. */
  static Map<String, String> common(WorkloadSpec w, RenderContext ctx) {
    Map<String, String> labels = new TreeMap<>(w.labels());
    labels.putAll(selector(w));
    if (ctx.on(Default.RECOMMENDED_LABELS)) {
      w.component().ifPresent(c -> labels.put(COMPONENT, c));
      w.partOf().ifPresent(p -> labels.put(PART_OF, p));
      labels.put(MANAGED_BY, "keelson");
      ctx.applied(Default.RECOMMENDED_LABELS);
    }
    return labels;
  }

  /** Labels of the workload object and its pods: the common ones plus the version. */
  static Map<String, String> versioned(WorkloadSpec w, RenderContext ctx) {
    Map<String, String> labels = common(w, ctx);
    if (ctx.on(Default.RECOMMENDED_LABELS)) {
      version(w).ifPresent(v -> labels.put(VERSION, v));
    }
    return labels;
  }

  /** The explicit version, else the first container's image tag. */
  static Optional<String> version(WorkloadSpec w) {
    if (w.version().isPresent()) {
      return w.version();
    }
    return w.containers().stream().findFirst()
        .map(c -> ImageReference.parse(c.image()).tag())
        .filter(tag -> tag != null && !tag.isEmpty());
  }
}
