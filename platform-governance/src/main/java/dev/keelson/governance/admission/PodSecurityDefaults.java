package dev.keelson.governance.admission;

import dev.keelson.governance.policy.PodTemplate;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden path's security defaults as a mutation, for pods and pod templates that do not set them: pod-level
 * {@code runAsNonRoot: true} and {@code seccompProfile: RuntimeDefault}; per container
 * {@code allowPrivilegeEscalation: false} and {@code capabilities.drop: [ALL]}. Explicit settings are kept.
 *
 * <pre>{@code
 * AdmissionHandler.builder().engine(engine).mutation(new PodSecurityDefaults()).build();
 * }</pre>
 */
public final class PodSecurityDefaults implements Mutation {

  @Override
  public void apply(HasMetadata object) {
    PodTemplate.of(object).ifPresent(t -> harden(t.spec()));
  }

  private static void harden(PodSpec spec) {
    if (spec.getSecurityContext() == null) {
      spec.setSecurityContext(new PodSecurityContext());
    }
    PodSecurityContext psc = spec.getSecurityContext();
    if (psc.getRunAsNonRoot() == null) {
      psc.setRunAsNonRoot(true);
    }
    if (psc.getSeccompProfile() == null) {
      psc.setSeccompProfile(new SeccompProfile(null, "RuntimeDefault"));
    }
    List<Container> all = new ArrayList<>();
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    if (spec.getContainers() != null) {
      all.addAll(spec.getContainers());
    }
    for (Container c : all) {
      if (c.getSecurityContext() == null) {
        c.setSecurityContext(new SecurityContext());
      }
      SecurityContext sc = c.getSecurityContext();
      if (sc.getAllowPrivilegeEscalation() == null && !Boolean.TRUE.equals(sc.getPrivileged())) {
        sc.setAllowPrivilegeEscalation(false);
      }
      if (sc.getCapabilities() == null) {
        sc.setCapabilities(new Capabilities(null, List.of("ALL")));
      }
    }
  }
}
