package dev.keelson.governance.internal.policy;

import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.PodTemplate;
import dev.keelson.governance.policy.PolicyInput;
import dev.keelson.governance.policy.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Best practices judged container by container (or volume by volume) inside one pod template. */
public final class ContainerRules {
  private ContainerRules() {
  }

  /** A rule that looks at each container of a pod template. */
  abstract static class PerContainer extends BaseRule {
    private final boolean initToo;

    PerContainer(String id, Severity severity, String description, String remediation, boolean initToo) {
      super(id, severity, description, remediation);
      this.initToo = initToo;
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (input.podTemplate().isEmpty() || skip(input)) {
        return List.of();
      }
      PodTemplate t = input.podTemplate().get();
      List<Finding> out = null;
      if (initToo && t.spec().getInitContainers() != null) {
        out = visit(t, "spec.initContainers", t.spec().getInitContainers(), out);
      }
      if (t.spec().getContainers() != null) {
        out = visit(t, "spec.containers", t.spec().getContainers(), out);
      }
      return out == null ? List.of() : out;
    }

    private List<Finding> visit(PodTemplate t, String list, List<Container> containers, List<Finding> out) {
      for (Container c : containers) {
        out = check(c, new Loc(t, list, c.getName()), out);
      }
      return out;
    }

    boolean skip(PolicyInput input) {
      return false;
    }

    /** Adds findings for one container to {@code out} (created on first use) and returns it. */
    abstract List<Finding> check(Container c, Loc at, List<Finding> out);

    List<Finding> add(List<Finding> out, String path, String message) {
      List<Finding> list = out == null ? new ArrayList<>(2) : out;
      list.add(finding(path, message));
      return list;
    }
  }

  /** Where a container sits; its path is built only for a finding. */
  record Loc(PodTemplate template, String list, String name) {
    String path(String field) {
      return template.path(list + "[" + name + "]" + field);
    }
  }

  static String quoted(Container c) {
    return "container \"" + c.getName() + "\"";
  }

  /** {@code requests-limits}: CPU and memory requests, and a memory limit. */
  public static final class RequestsLimits extends PerContainer {
    public RequestsLimits() {
      super("requests-limits", Severity.MEDIUM,
          "Every container requests CPU and memory and limits memory, so the scheduler and the OOM killer can plan.",
          "set resources.requests.cpu, resources.requests.memory and resources.limits.memory", true);
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      ResourceRequirements r = c.getResources();
      Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
      Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
      if (!requests.containsKey("cpu")) {
        out = add(out, at.path(".resources.requests.cpu"), quoted(c) + " requests no CPU");
      }
      if (!requests.containsKey("memory")) {
        out = add(out, at.path(".resources.requests.memory"), quoted(c) + " requests no memory");
      }
      if (!limits.containsKey("memory")) {
        out = add(out, at.path(".resources.limits.memory"), quoted(c) + " sets no memory limit");
      }
      return out;
    }
  }

  /** {@code readiness-probe}: serving containers say when they are ready. */
  public static final class ReadinessProbe extends PerContainer {
    public ReadinessProbe() {
      super("readiness-probe", Severity.MEDIUM,
          "Every container of a serving workload has a readiness probe, so traffic only reaches ready pods.",
          "add a readinessProbe (httpGet, tcpSocket, grpc or exec)", false);
    }

    @Override
    boolean skip(PolicyInput input) {
      return PodTemplate.runsToCompletion(input.object());
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      return c.getReadinessProbe() == null ? add(out, at.path(".readinessProbe"), quoted(c) + " has no readiness probe")
          : out;
    }
  }

  /** {@code image-tag}: a pinned tag or digest, never {@code latest} or none. */
  public static final class ImageTag extends PerContainer {
    public ImageTag() {
      super("image-tag", Severity.HIGH,
          "Images are pinned by a version tag or digest, never latest or untagged, so a rollout is repeatable.",
          "use an explicit version tag (app:1.4.2) or a digest (app@sha256:...)", true);
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      String image = c.getImage() == null ? "" : c.getImage();
      if (image.contains("@")) {
        return out;
      }
      int slash = image.lastIndexOf('/');
      int colon = image.lastIndexOf(':');
      if (colon <= slash) {
        return add(out, at.path(".image"), quoted(c) + " uses untagged image \"" + image + "\", which means latest");
      }
      if (image.substring(colon + 1).equals("latest")) {
        return add(out, at.path(".image"), quoted(c) + " uses the latest tag in \"" + image + "\"");
      }
      return out;
    }
  }

  /** {@code image-registry}: images come from an allowed registry. */
  public static final class ImageRegistry extends PerContainer {
    private final List<String> allowed;
    private final List<String> prefixes;

    public ImageRegistry(List<String> allowed) {
      super("image-registry", Severity.HIGH, "Images come from an allowed registry " + allowed + ".",
          "push the image to one of " + allowed + " and reference it there", true);
      this.allowed = List.copyOf(allowed);
      this.prefixes = allowed.stream().map(r -> r.endsWith("/") ? r : r + "/").toList();
    }

    /** The image with Docker's implicit registry and library path made explicit. */
    static String qualified(String image) {
      int slash = image.indexOf('/');
      String first = slash < 0 ? "" : image.substring(0, slash);
      if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
        return image;
      }
      return slash < 0 ? "docker.io/library/" + image : "docker.io/" + image;
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      String image = qualified(c.getImage() == null ? "" : c.getImage());
      for (String prefix : prefixes) {
        if (image.startsWith(prefix)) {
          return out;
        }
      }
      return add(out, at.path(".image"), quoted(c) + " pulls \"" + c.getImage() + "\" from outside the allowed "
          + "registries " + allowed);
    }
  }

  /** {@code read-only-root-filesystem}. */
  public static final class ReadOnlyRootFilesystem extends PerContainer {
    public ReadOnlyRootFilesystem() {
      super("read-only-root-filesystem", Severity.MEDIUM,
          "Containers run with a read-only root filesystem; writable paths are explicit emptyDir volumes.",
          "set securityContext.readOnlyRootFilesystem=true and mount an emptyDir where the app writes", true);
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      SecurityContext sc = c.getSecurityContext();
      return sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()) ? out
          : add(out, at.path(".securityContext.readOnlyRootFilesystem"),
              quoted(c) + " does not set securityContext.readOnlyRootFilesystem=true");
    }
  }

  /** {@code no-privilege-escalation}: no privileged mode, no setuid escalation, no added capabilities. */
  public static final class NoPrivilegeEscalation extends PerContainer {
    public NoPrivilegeEscalation() {
      super("no-privilege-escalation", Severity.HIGH,
          "No container can gain privileges: not privileged, allowPrivilegeEscalation=false, no capabilities "
              + "added beyond NET_BIND_SERVICE.",
          "set securityContext.allowPrivilegeEscalation=false, remove privileged and capabilities.add", true);
    }

    @Override
    List<Finding> check(Container c, Loc at, List<Finding> out) {
      SecurityContext sc = c.getSecurityContext();
      if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
        out = add(out, at.path(".securityContext.privileged"), quoted(c) + " runs privileged");
      }
      if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        out = add(out, at.path(".securityContext.allowPrivilegeEscalation"),
            quoted(c) + " does not set securityContext.allowPrivilegeEscalation=false");
      }
      if (sc != null && sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null) {
        List<String> added = sc.getCapabilities().getAdd().stream().filter(a -> !a.equals("NET_BIND_SERVICE"))
            .toList();
        if (!added.isEmpty()) {
          out = add(out, at.path(".securityContext.capabilities.add"), quoted(c) + " adds capabilities " + added);
        }
      }
      return out;
    }
  }

  /** {@code no-host-path}: no hostPath volumes. */
  public static final class NoHostPath extends BaseRule {
    public NoHostPath() {
      super("no-host-path", Severity.HIGH,
          "Pods mount no hostPath volume: the node's filesystem is not the app's.",
          "use an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead");
    }

    @Override
    public List<Finding> evaluate(PolicyInput input) {
      if (input.podTemplate().isEmpty() || input.podTemplate().get().spec().getVolumes() == null) {
        return List.of();
      }
      PodTemplate t = input.podTemplate().get();
      List<Finding> out = new ArrayList<>(0);
      for (Volume v : t.spec().getVolumes()) {
        if (v.getHostPath() != null) {
          out.add(finding(t.path("spec.volumes[" + v.getName() + "].hostPath"),
              "volume \"" + v.getName() + "\" mounts host path \"" + v.getHostPath().getPath() + "\""));
        }
      }
      return out;
    }
  }
}
