package dev.keelson.testkit;

import dev.keelson.testkit.internal.controller.node.NodeFleet;
import dev.keelson.testkit.internal.controller.node.NodeSpec;
import dev.keelson.testkit.internal.controller.node.Taint;
import java.util.List;

/**
 * The simulated cluster's nodes: add and remove them with capacity and zone, and script their health. Changes
 * take effect in the controllers on the next {@link SimulatedCluster#awaitIdle()} or
 * {@link SimulatedCluster#advance(java.time.Duration)}.
 *
 * <pre>{@code
 * cluster.nodes().add("node-d", "4", "16Gi", "zone-b");
 * cluster.nodes().unknown("node-a");            // kubelet stops posting status
 * cluster.advance(Duration.ofSeconds(60));       // Ready=Unknown after the grace period, pods turn unready
 * cluster.nodes().recover("node-a");
 * }</pre>
 */
public final class Nodes {

  private final NodeFleet fleet;

  Nodes(NodeFleet fleet) {
    this.fleet = fleet;
  }

  /** Adds a schedulable node with this allocatable CPU and memory in a zone. */
  public Nodes add(String name, String cpu, String memory, String zone) {
    fleet.add(NodeSpec.named(name).cpu(cpu).memory(memory).zone(zone));
    return this;
  }

  /** Adds a node with the default capacity (4 CPU, 16Gi, 110 pods). */
  public Nodes add(String name) {
    fleet.add(name);
    return this;
  }

  public Nodes remove(String name) {
    fleet.remove(name);
    return this;
  }

  /** The kubelet reports NotReady. */
  public Nodes notReady(String name) {
    fleet.notReady(name);
    return this;
  }

  /** The kubelet stops posting status; the node turns Unknown after the node-monitor grace period. */
  public Nodes unknown(String name) {
    fleet.unknown(name);
    return this;
  }

  /** The kubelet is back and Ready. */
  public Nodes recover(String name) {
    fleet.recover(name);
    return this;
  }

  public Nodes cordon(String name) {
    fleet.cordon(name);
    return this;
  }

  public Nodes uncordon(String name) {
    fleet.uncordon(name);
    return this;
  }

  /** Adds a taint, e.g. {@code taint("node-a", "dedicated", "batch", "NoSchedule")}. */
  public Nodes taint(String name, String key, String value, String effect) {
    fleet.taint(name, new Taint(key, value, effect));
    return this;
  }

  public List<String> names() {
    return fleet.names();
  }
}
