package dev.keelson.testkit.internal.api;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What kube-apiserver's service registry allocates on a Service write ({@code kubernetes/kubernetes —
 * pkg/registry/core/service/storage/alloc.go}, {@code ipallocator}, {@code portallocator}): a cluster IP from the
 * service CIDR {@code 10.96.0.0/12} with {@code ipFamilies: [IPv4]} and {@code ipFamilyPolicy: SingleStack}, and a
 * node port from 30000-32767 for each port of a NodePort or LoadBalancer Service. Requested values are honoured or
 * answered 422 with the registry's message; a set cluster IP may not change. Allocations are read from the stored
 * Services, so deleting a Service releases its addresses. Dynamic picks are seeded random, as upstream's
 * {@code randomScanStrategyWithOffset}: from the upper band first (offset 256 addresses, 86 ports), the lower band
 * kept for static requests.
 */
public final class ServiceAllocation implements Admission {

  /** The service CIDR's first address, {@code 10.96.0.0}. */
  private static final long BASE = (10L << 24) | (96L << 16);
  /** Usable addresses of a /12: all but the network and broadcast addresses. */
  private static final int SIZE = (1 << 20) - 2;
  private static final int IP_OFFSET = 256;
  private static final int PORT_MIN = 30000;
  private static final int PORT_MAX = 32767;
  private static final int PORT_OFFSET = 86;
  private static final String CIDR = "10.96.0.0/12";

  private final ObjectStore store;
  private final ResourceType services;
  private final Random random;

  public ServiceAllocation(ObjectStore store, ResourceTypes types, long seed) {
    this.store = store;
    this.services = types.byKind("v1", "Service").orElseThrow();
    this.random = new Random(seed);
  }

  @Override
  public void admit(ResourceType type, Operation operation, ObjectNode object, ObjectNode old, boolean dryRun) {
    if (!type.sameResource(services) || operation == Operation.DELETE) {
      return;
    }
    ObjectNode spec = object.withObject("spec");
    String name = Json.text(object, "metadata", "name");
    if (operation == Operation.UPDATE) {
      keepAllocated(spec, old.path("spec"), name);
    }
    if ("ExternalName".equals(Json.text(spec, "type"))) {
      return;
    }
    String key = Json.text(object, "metadata", "namespace") + "/" + name;
    allocateClusterIp(spec, name, key);
    boolean loadBalancer = "LoadBalancer".equals(Json.text(spec, "type"));
    if ("NodePort".equals(Json.text(spec, "type"))
        || (loadBalancer && spec.path("allocateLoadBalancerNodePorts").asBoolean(true))) {
      allocateNodePorts(spec, name, key);
    }
  }

  /** {@code patchAllocatedValues}, then {@code validateUpgradeDowngradeClusterIPs}. */
  private void keepAllocated(ObjectNode spec, JsonNode oldSpec, String name) {
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p && p.path("nodePort").asInt(0) == 0) {
        for (JsonNode o : oldSpec.path("ports")) {
          if (o.path("port").asInt() == p.path("port").asInt() && o.path("nodePort").asInt(0) > 0
              && o.path("protocol").asString("TCP").equals(p.path("protocol").asString("TCP"))) {
            p.put("nodePort", o.path("nodePort").asInt());
          }
        }
      }
    }
    String oldIp = Json.text(oldSpec, "clusterIP");
    if (oldIp == null || oldIp.isEmpty()) {
      return;
    }
    String ip = Json.text(spec, "clusterIP");
    if (ip == null || ip.isEmpty()) {
      spec.put("clusterIP", oldIp);
      ip = oldIp;
    }
    JsonNode ips = spec.get("clusterIPs");
    if (ips == null || ips.isEmpty() || ips.equals(oldSpec.get("clusterIPs"))) {
      spec.putArray("clusterIPs").add(ip);
    }
    String first = spec.path("clusterIPs").path(0).asString("");
    if (!first.equals(oldIp)) {
      throw invalid(name, "spec.clusterIPs[0]", goStrings(spec.get("clusterIPs")), "may not change once set");
    }
  }

  private void allocateClusterIp(ObjectNode spec, String name, String key) {
    String ip = Json.text(spec, "clusterIP");
    if (ip == null || ip.isEmpty()) {
      JsonNode ips = spec.path("clusterIPs");
      ip = ips.isArray() && !ips.isEmpty() ? ips.path(0).asString("") : "";
    }
    if (!"None".equals(ip)) {
      Set<Long> used = usedIps(key);
      if (ip.isEmpty()) {
        ip = format(BASE + 1 + pick(SIZE, IP_OFFSET, i -> used.contains(BASE + 1 + i)));
      } else {
        checkRequested(spec, name, ip, used);
      }
    }
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
    if (!spec.has("ipFamilies") || spec.path("ipFamilies").isEmpty()) {
      spec.putArray("ipFamilies").add("IPv4");
    }
    if (!spec.hasNonNull("ipFamilyPolicy")) {
      spec.put("ipFamilyPolicy", "SingleStack");
    }
  }

  private void checkRequested(ObjectNode spec, String name, String ip, Set<Long> used) {
    long address = parse(ip);
    String values = goStrings(spec.get("clusterIPs") != null && !spec.path("clusterIPs").isEmpty()
        ? spec.get("clusterIPs") : Json.NODES.arrayNode().add(ip));
    if (address < 0) {
      throw invalid(name, "spec.clusterIPs[0]", values,
          "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
    if (address <= BASE || address > BASE + SIZE) {
      throw invalid(name, "spec.clusterIPs", values, "failed to allocate IP " + ip + ": the provided IP (" + ip
          + ") is not in the valid range. The range of valid IPs is " + CIDR);
    }
    if (used.contains(address)) {
      throw invalid(name, "spec.clusterIPs", values, "failed to allocate IP " + ip
          + ": provided IP is already allocated");
    }
  }

  private void allocateNodePorts(ObjectNode spec, String name, String key) {
    Set<Long> used = usedPorts(key);
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      if (!(ports.get(i) instanceof ObjectNode port)) {
        continue;
      }
      int requested = port.path("nodePort").asInt(0);
      if (requested == 0) {
        int n = PORT_MIN + pick(PORT_MAX - PORT_MIN + 1, PORT_OFFSET, p -> used.contains((long) PORT_MIN + p));
        port.put("nodePort", n);
        used.add((long) n);
        continue;
      }
      String path = "spec.ports[" + i + "].nodePort";
      if (requested < PORT_MIN || requested > PORT_MAX) {
        throw invalid(name, path, Integer.toString(requested), "provided port is not in the valid range. The range "
            + "of valid ports is " + PORT_MIN + "-" + PORT_MAX);
      }
      if (used.contains((long) requested)) {
        throw invalid(name, path, Integer.toString(requested), "provided port is already allocated");
      }
      used.add((long) requested);
    }
  }

  /**
   * A free index below {@code size}: a seeded random start in the upper band {@code [offset, size)}, scanning up and
   * around it, then the lower band the same way.
   */
  private int pick(int size, int offset, java.util.function.IntPredicate taken) {
    int[][] bands = {{offset, size}, {0, offset}};
    for (int[] band : bands) {
      int width = band[1] - band[0];
      int start = random.nextInt(width);
      for (int k = 0; k < width; k++) {
        int i = band[0] + (start + k) % width;
        if (!taken.test(i)) {
          return i;
        }
      }
    }
    throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is "
        + "full", null, null, List.of(), null);
  }

  private Set<Long> usedIps(String exceptKey) {
    Set<Long> used = new HashSet<>();
    for (ObjectNode svc : store.snapshot(services)) {
      if (!key(svc).equals(exceptKey)) {
        long ip = parse(Json.text(svc, "spec", "clusterIP"));
        if (ip >= 0) {
          used.add(ip);
        }
      }
    }
    // The kubernetes Service's address, which kube-apiserver reserves for itself.
    used.add(BASE + 1);
    return used;
  }

  private Set<Long> usedPorts(String exceptKey) {
    Set<Long> used = new HashSet<>();
    for (ObjectNode svc : store.snapshot(services)) {
      if (!key(svc).equals(exceptKey)) {
        for (JsonNode port : svc.path("spec").path("ports")) {
          if (port.path("nodePort").asInt(0) > 0) {
            used.add(port.path("nodePort").asLong());
          }
        }
      }
    }
    return used;
  }

  private static String key(ObjectNode svc) {
    return Json.text(svc, "metadata", "namespace") + "/" + Json.text(svc, "metadata", "name");
  }

  private ApiException invalid(String name, String path, String value, String detail) {
    String message = path + ": Invalid value: " + value + ": " + detail;
    return ApiException.invalid(services, name, message,
        List.of(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + value + ": " + detail, path)));
  }

  /** A string list as Go's {@code %#v} prints it in a field error: {@code []string{"10.96.0.10"}}. */
  private static String goStrings(JsonNode list) {
    StringBuilder out = new StringBuilder("[]string{");
    for (int i = 0; list != null && i < list.size(); i++) {
      out.append(i > 0 ? ", " : "").append('"').append(list.get(i).asString("")).append('"');
    }
    return out.append('}').toString();
  }

  /** An IPv4 address as a number, or -1 when it is not one. */
  static long parse(String ip) {
    if (ip == null) {
      return -1;
    }
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  static String format(long ip) {
    return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
  }
}
