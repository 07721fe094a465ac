package dev.keelson.governance.internal.pss;

import static dev.keelson.governance.internal.pss.Words.containers;
import static dev.keelson.governance.internal.pss.Words.joinQuote;
import static dev.keelson.governance.internal.pss.Words.pluralize;

import dev.keelson.governance.policy.pss.PodSecurityLevel;
import dev.keelson.governance.policy.pss.PodSecurityViolation;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restricted checks of upstream's {@code k8s.io/pod-security-admission/policy}, one method per revision, with
 * upstream's reasons and details. Each returns null when the pod passes.
 */
final class RestrictedChecks {
  private RestrictedChecks() {
  }

  static PodSecurityViolation violation(String id, String reason, String detail, List<String> paths) {
    return new PodSecurityViolation(id, PodSecurityLevel.RESTRICTED, reason, detail, paths);
  }

  static PodSecurityViolation allowPrivilegeEscalation18(PodView pod) {
    List<String> bad = null;
    List<String> paths = null;
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
        if (bad == null) {
          bad = new ArrayList<>();
          paths = new ArrayList<>();
        }
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.allowPrivilegeEscalation");
      }
    }
    return bad == null ? null : violation("allowPrivilegeEscalation", "allowPrivilegeEscalation != false",
        containers(bad) + " must set securityContext.allowPrivilegeEscalation=false", paths);
  }

  /** From policy 1.25 Windows pods are exempt: the API forbids the field for them. */
  static PodSecurityViolation allowPrivilegeEscalation125(PodView pod) {
    return pod.windows() ? null : allowPrivilegeEscalation18(pod);
  }

  static PodSecurityViolation runAsNonRoot10(PodView pod) {
    PodSecurityContext podContext = pod.podSecurity();
    if (podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot())
        && !pod.anySecurityContext(sc -> Boolean.FALSE.equals(sc.getRunAsNonRoot()))) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    boolean podNonRoot = false;
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getRunAsNonRoot() != null) {
      if (!psc.getRunAsNonRoot()) {
        setters.add("pod");
        paths.add("spec.securityContext.runAsNonRoot");
      } else {
        podNonRoot = true;
      }
    }
    List<String> explicit = new ArrayList<>(0);
    List<String> implicit = new ArrayList<>(0);
    List<String> implicitPaths = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getRunAsNonRoot() != null) {
        if (!sc.getRunAsNonRoot()) {
          explicit.add(e.name());
          paths.add(e.path() + ".securityContext.runAsNonRoot");
        }
      } else if (!podNonRoot) {
        implicit.add(e.name());
        implicitPaths.add(e.path() + ".securityContext.runAsNonRoot");
      }
    }
    if (!explicit.isEmpty()) {
      setters.add(containers(explicit));
    }
    if (!setters.isEmpty()) {
      return violation("runAsNonRoot", "runAsNonRoot != true",
          String.join(" and ", setters) + " must not set securityContext.runAsNonRoot=false", paths);
    }
    if (!implicit.isEmpty()) {
      implicitPaths.add(0, "spec.securityContext.runAsNonRoot");
      return violation("runAsNonRoot", "runAsNonRoot != true",
          "pod or " + containers(implicit) + " must set securityContext.runAsNonRoot=true", implicitPaths);
    }
    return null;
  }

  /** From policy 1.35 user-namespace pods ({@code hostUsers: false}) are exempt. */
  static PodSecurityViolation runAsNonRoot135(PodView pod) {
    return pod.userNamespace() ? null : runAsNonRoot10(pod);
  }

  static PodSecurityViolation runAsUser123(PodView pod) {
    if ((pod.podSecurity() == null || pod.podSecurity().getRunAsUser() == null
        || pod.podSecurity().getRunAsUser() != 0)
        && !pod.anySecurityContext(sc -> sc.getRunAsUser() != null && sc.getRunAsUser() == 0)) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
      setters.add("pod");
      paths.add("spec.securityContext.runAsUser");
    }
    List<String> bad = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
        bad.add(e.name());
        paths.add(e.path() + ".securityContext.runAsUser");
      }
    }
    if (!bad.isEmpty()) {
      setters.add(containers(bad));
    }
    return setters.isEmpty() ? null : violation("runAsUser", "runAsUser=0",
        String.join(" and ", setters) + " must not set runAsUser=0", paths);
  }

  /** From policy 1.35 user-namespace pods ({@code hostUsers: false}) are exempt. */
  static PodSecurityViolation runAsUser135(PodView pod) {
    return pod.userNamespace() ? null : runAsUser123(pod);
  }

  static PodSecurityViolation seccompProfile119(PodView pod) {
    PodSecurityContext podContext = pod.podSecurity();
    if (podContext != null && podContext.getSeccompProfile() != null
        && BaselineChecks.validSeccomp(podContext.getSeccompProfile().getType())
        && !pod.anySecurityContext(sc -> sc.getSeccompProfile() != null
            && !BaselineChecks.validSeccomp(sc.getSeccompProfile().getType()))) {
      return null;
    }
    List<String> setters = new ArrayList<>(0);
    List<String> paths = new ArrayList<>(0);
    Set<String> badValues = new TreeSet<>();
    boolean podSet = false;
    PodSecurityContext psc = pod.podSecurity();
    if (psc != null && psc.getSeccompProfile() != null) {
      if (!BaselineChecks.validSeccomp(psc.getSeccompProfile().getType())) {
        setters.add("pod");
        paths.add("spec.securityContext.seccompProfile.type");
        badValues.add(Words.orEmpty(psc.getSeccompProfile().getType()));
      } else {
        podSet = true;
      }
    }
    List<String> explicit = new ArrayList<>(0);
    List<String> implicit = new ArrayList<>(0);
    List<String> implicitPaths = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      if (sc != null && sc.getSeccompProfile() != null) {
        if (!BaselineChecks.validSeccomp(sc.getSeccompProfile().getType())) {
          explicit.add(e.name());
          paths.add(e.path() + ".securityContext.seccompProfile.type");
          badValues.add(Words.orEmpty(sc.getSeccompProfile().getType()));
        }
      } else if (!podSet) {
        implicit.add(e.name());
        implicitPaths.add(e.path() + ".securityContext.seccompProfile.type");
      }
    }
    if (!explicit.isEmpty()) {
      setters.add(containers(explicit));
    }
    if (!setters.isEmpty()) {
      return violation("seccompProfile_restricted", "seccompProfile", String.join(" and ", setters)
          + " must not set securityContext.seccompProfile.type to " + joinQuote(badValues), paths);
    }
    if (!implicit.isEmpty()) {
      implicitPaths.add(0, "spec.securityContext.seccompProfile.type");
      return violation("seccompProfile_restricted", "seccompProfile", "pod or " + containers(implicit)
          + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"", implicitPaths);
    }
    return null;
  }

  /** From policy 1.25 Windows pods are exempt. */
  static PodSecurityViolation seccompProfile125(PodView pod) {
    return pod.windows() ? null : seccompProfile119(pod);
  }

  static PodSecurityViolation capabilities122(PodView pod) {
    List<String> missingDrop = new ArrayList<>(0);
    List<String> adding = new ArrayList<>(0);
    Set<String> forbidden = new TreeSet<>();
    List<String> paths = new ArrayList<>(0);
    for (PodView.Entry e : pod.containers()) {
      SecurityContext sc = e.container().getSecurityContext();
      Capabilities caps = sc == null ? null : sc.getCapabilities();
      if (caps == null) {
        missingDrop.add(e.name());
        paths.add(e.path() + ".securityContext.capabilities.drop");
        continue;
      }
      if (caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
        missingDrop.add(e.name());
        paths.add(e.path() + ".securityContext.capabilities.drop");
      }
      boolean addedForbidden = false;
      if (caps.getAdd() != null) {
        for (String c : caps.getAdd()) {
          if (!"NET_BIND_SERVICE".equals(c)) {
            addedForbidden = true;
            forbidden.add(c);
          }
        }
      }
      if (addedForbidden) {
        adding.add(e.name());
        paths.add(e.path() + ".securityContext.capabilities.add");
      }
    }
    List<String> details = new ArrayList<>(2);
    if (!missingDrop.isEmpty()) {
      details.add(containers(missingDrop) + " must set securityContext.capabilities.drop=[\"ALL\"]");
    }
    if (!adding.isEmpty()) {
      details.add(containers(adding) + " must not include " + joinQuote(forbidden)
          + " in securityContext.capabilities.add");
    }
    return details.isEmpty() ? null
        : violation("capabilities_restricted", "unrestricted capabilities", String.join("; ", details), paths);
  }

  /** From policy 1.25 Windows pods are exempt. */
  static PodSecurityViolation capabilities125(PodView pod) {
    return pod.windows() ? null : capabilities122(pod);
  }

  static PodSecurityViolation restrictedVolumes(PodView pod) {
    if (pod.spec().getVolumes() == null) {
      return null;
    }
    List<String> bad = null;
    List<String> paths = null;
    Set<String> types = new TreeSet<>();
    for (Volume v : pod.spec().getVolumes()) {
      if (v.getConfigMap() != null || v.getCsi() != null || v.getDownwardAPI() != null || v.getEmptyDir() != null
          || v.getEphemeral() != null || v.getImage() != null || v.getPersistentVolumeClaim() != null
          || v.getProjected() != null || v.getSecret() != null) {
        continue;
      }
      if (bad == null) {
        bad = new ArrayList<>();
        paths = new ArrayList<>();
      }
      String type = volumeType(v);
      bad.add(v.getName());
      types.add(type);
      paths.add("spec.volumes[" + v.getName() + "]." + type);
    }
    return bad == null ? null : violation("restrictedVolumes", "restricted volume types",
        pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad) + " " + pluralize("uses", "use", bad.size())
            + " " + pluralize("restricted volume type", "restricted volume types", types.size()) + " "
            + joinQuote(types), paths);
  }

  private static String volumeType(Volume v) {
    if (v.getHostPath() != null) {
      return "hostPath";
    } else if (v.getGcePersistentDisk() != null) {
      return "gcePersistentDisk";
    } else if (v.getAwsElasticBlockStore() != null) {
      return "awsElasticBlockStore";
    } else if (v.getGitRepo() != null) {
      return "gitRepo";
    } else if (v.getNfs() != null) {
      return "nfs";
    } else if (v.getIscsi() != null) {
      return "iscsi";
    } else if (v.getGlusterfs() != null) {
      return "glusterfs";
    } else if (v.getRbd() != null) {
      return "rbd";
    } else if (v.getFlexVolume() != null) {
      return "flexVolume";
    } else if (v.getCinder() != null) {
      return "cinder";
    } else if (v.getCephfs() != null) {
      return "cephfs";
    } else if (v.getFlocker() != null) {
      return "flocker";
    } else if (v.getFc() != null) {
      return "fc";
    } else if (v.getAzureFile() != null) {
      return "azureFile";
    } else if (v.getVsphereVolume() != null) {
      return "vsphereVolume";
    } else if (v.getQuobyte() != null) {
      return "quobyte";
    } else if (v.getAzureDisk() != null) {
      return "azureDisk";
    } else if (v.getPhotonPersistentDisk() != null) {
      return "photonPersistentDisk";
    } else if (v.getPortworxVolume() != null) {
      return "portworxVolume";
    } else if (v.getScaleIO() != null) {
      return "scaleIO";
    } else if (v.getStorageos() != null) {
      return "storageos";
    }
    return "unknown";
  }
}
