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

  /** One container and the list it is in; {@link #path()} is built only when a violation needs it. */
  public record Entry(Container container, String list) {
    public String name() {
      return container.getName();
    }

    /** The field path of the entry, e.g. {@code spec.initContainers[setup]}. */
    public String path() {
      return list + "[" + container.getName() + "]";
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
        all.add(new Entry(asContainer(e), "spec.ephemeralContainers"));
      }
    }
    this.containers = all;
  }

  private static void add(List<Entry> all, String list, List<Container> containers) {
    if (containers != null) {
      for (Container c : containers) {
        all.add(new Entry(c, list));
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

  /**
   * Whether any container's security context passes the test; a cheap scan that lets a check return early before
   * it collects names and paths for its message.
   */
  public boolean anySecurityContext(java.util.function.Predicate<io.fabric8.kubernetes.api.model.SecurityContext> test) {
    for (int i = 0; i < containers.size(); i++) {
      io.fabric8.kubernetes.api.model.SecurityContext sc = containers.get(i).container().getSecurityContext();
      if (sc != null && test.test(sc)) {
        return true;
      }
    }
    return false;
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
