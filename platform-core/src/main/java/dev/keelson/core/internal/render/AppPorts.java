package dev.keelson.core.internal.render;

import dev.keelson.core.spec.ContainerSpec;
import dev.keelson.core.spec.Port;
import dev.keelson.core.workload.WorkloadSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The named ports of a workload's main containers, in declaration order. */
public final class AppPorts {
  private AppPorts() {
  }

  public static Map<String, Port> containerPorts(WorkloadSpec workload) {
    Map<String, Port> ports = new LinkedHashMap<>();
    for (ContainerSpec c : workload.containers()) {
      for (Port p : c.ports()) {
        if (p.name() != null) {
          ports.putIfAbsent(p.name(), p);
        }
      }
    }
    return ports;
  }
}
