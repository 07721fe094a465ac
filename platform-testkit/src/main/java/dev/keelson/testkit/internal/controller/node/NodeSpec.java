package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node to add to the simulated cluster: capacity (allocatable is the same — no system reservations), labels,
 * zone, taints and whether it starts cordoned.
 *
 * <pre>{@code
 * fleet.add(NodeSpec.named("worker-a").cpu("8").memory("32Gi").zone("eu-west-1a")
 *     .taint("dedicated", "gpu", "NoSchedule"));
 * }</pre>
 */
public final class NodeSpec {

  private final String name;
  private String cpu = "4";
  private String memory = "16Gi";
  private int pods = 110;
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<Taint> taints = new ArrayList<>();
  private boolean unschedulable;

  private NodeSpec(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** A node with 4 CPUs, 16Gi memory and room for 110 pods. */
  public static NodeSpec named(String name) {
    return new NodeSpec(name);
  }

  public String name() {
    return name;
  }

  public NodeSpec cpu(String quantity) {
    Quantities.parse(quantity);
    this.cpu = quantity;
    return this;
  }

  public NodeSpec memory(String quantity) {
    Quantities.parse(quantity);
    this.memory = quantity;
    return this;
  }

  public NodeSpec pods(int maxPods) {
    this.pods = maxPods;
    return this;
  }

  /** Sets {@code topology.kubernetes.io/zone}. */
  public NodeSpec zone(String zone) {
    return label("topology.kubernetes.io/zone", zone);
  }

  /** Sets {@code topology.kubernetes.io/region}. */
  public NodeSpec region(String region) {
    return label("topology.kubernetes.io/region", region);
  }

  public NodeSpec label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** Adds a taint; effect is {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}. */
  public NodeSpec taint(String key, String value, String effect) {
    taints.add(new Taint(key, value, effect));
    return this;
  }

  /** Starts cordoned ({@code spec.unschedulable: true}). */
  public NodeSpec unschedulable() {
    this.unschedulable = true;
    return this;
  }

  String cpu() {
    return cpu;
  }

  String memory() {
    return memory;
  }

  int pods() {
    return pods;
  }

  /** The Node object as the kubelet registers it (status follows separately). */
  ObjectNode toObject(int index) {
    ObjectNode node = Json.object();
    node.put("apiVersion", "v1");
    node.put("kind", "Node");
    ObjectNode meta = Json.metadata(node);
    meta.put("name", name);
    ObjectNode l = meta.putObject("labels");
    l.put("beta.kubernetes.io/arch", "amd64");
    l.put("beta.kubernetes.io/os", "linux");
    l.put("kubernetes.io/arch", "amd64");
    l.put("kubernetes.io/hostname", name);
    l.put("kubernetes.io/os", "linux");
    labels.forEach(l::put);
    ObjectNode spec = node.putObject("spec");
    spec.put("podCIDR", IpPool.podCidr(index));
    spec.putArray("podCIDRs").add(IpPool.podCidr(index));
    if (!taints.isEmpty()) {
      ArrayNode t = spec.putArray("taints");
      taints.forEach(taint -> t.add(taint.toJson()));
    }
    if (unschedulable) {
      spec.put("unschedulable", true);
    }
    return node;
  }
}
