package dev.keelson.governance.internal.pss;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's metadata and spec with its containers flattened in upstream's visiting order: init containers,
 * containers, then ephemeral containers (as {@link Container}s carrying the same fields).
 */
public final class PodView {

  /** One container and the field path of its entry, e.g. {@code spec.initContainers[setup]}. */
  public record Entry(Container container, String path) {
    public String name() {
      return container.getName();
    }
  }

  private final Map<String, String> annotations;
  private final PodSpec spec;
  private final List<Entry> containers;

  public PodView(ObjectMeta metadata, PodSpec spec) {
    this.annotations = metadata == null || metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
    this.spec = spec;
    List<Entry> all = new ArrayList<>(4);
    add(all, "spec.initContainers", spec.getInitContainers());
    add(all, "spec.containers", spec.getContainers());
    if (spec.getEphemeralContainers() != null) {
      for (EphemeralContainer e : spec.getEphemeralContainers()) {
        all.add(new Entry(asContainer(e), "spec.ephemeralContainers[" + e.getName() + "]"));
      }
    }
    this.containers = all;
  }

  private static void add(List<Entry> all, String list, List<Container> containers) {
    if (containers != null) {
      for (Container c : containers) {
        all.add(new Entry(c, list + "[" + c.getName() + "]"));
      }
    }
  }

  private static Container asContainer(EphemeralContainer e) {
    Container c = new Container();
    c.setName(e.getName());
    c.setImage(e.getImage());
    c.setSecurityContext(e.getSecurityContext());
    c.setPorts(e.getPorts());
    c.setLivenessProbe(e.getLivenessProbe());
    c.setReadinessProbe(e.getReadinessProbe());
    c.setStartupProbe(e.getStartupProbe());
    c.setLifecycle(e.getLifecycle());
    c.setResources(e.getResources());
    return c;
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  public PodSpec spec() {
    return spec;
  }

  /** The pod-level security context, or null. */
  public PodSecurityContext podSecurity() {
    return spec.getSecurityContext();
  }

  public List<Entry> containers() {
    return containers;
  }

  /** Whether the pod runs in a user namespace ({@code hostUsers: false}): upstream's relaxation trigger. */
  public boolean userNamespace() {
    return Boolean.FALSE.equals(spec.getHostUsers());
  }

  /** Whether the pod declares {@code spec.os.name: windows}. */
  public boolean windows() {
    return spec.getOs() != null && "windows".equals(spec.getOs().getName());
  }
}
