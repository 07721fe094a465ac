package dev.keelson.governance.policy.pss;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/** Pods for Pod Security tests: a restricted-compliant one, and helpers that break it one field at a time. */
public final class Pods {
  private Pods() {
  }

  /** A container that passes restricted on its own. */
  public static Container hardened(String name) {
    return new ContainerBuilder().withName(name).withImage("registry.example.com/" + name + ":1.0")
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL")
        .endCapabilities().endSecurityContext().build();
  }

  /** A pod that passes restricted:latest: runAsNonRoot and RuntimeDefault seccomp at pod level, one hardened app. */
  public static Pod compliant() {
    return new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile()
        .withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .withContainers(hardened("app")).endSpec().build();
  }

  /** A pod with one container "app" and no security settings at all. */
  public static Pod bare() {
    return new PodBuilder().withNewMetadata().withName("bare").withNamespace("shop").endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("web:1").endContainer().endSpec().build();
  }

  /** The named container of any list (init, regular). */
  public static Container container(Pod pod, String name) {
    List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
    if (pod.getSpec().getInitContainers() != null) {
      all.addAll(pod.getSpec().getInitContainers());
    }
    return all.stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The named container's security context, created when missing. */
  public static SecurityContext sc(Pod pod, String name) {
    Container c = container(pod, name);
    if (c.getSecurityContext() == null) {
      c.setSecurityContext(new SecurityContext());
    }
    return c.getSecurityContext();
  }

  /** The named container's capabilities, created when missing. */
  public static Capabilities caps(Pod pod, String name) {
    SecurityContext sc = sc(pod, name);
    if (sc.getCapabilities() == null) {
      sc.setCapabilities(new Capabilities());
    }
    return sc.getCapabilities();
  }

  /** The pod's security context, created when missing. */
  public static PodSecurityContext psc(Pod pod) {
    if (pod.getSpec().getSecurityContext() == null) {
      pod.getSpec().setSecurityContext(new PodSecurityContext());
    }
    return pod.getSpec().getSecurityContext();
  }
}
