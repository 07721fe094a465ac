package dev.keelson.testkit.internal.controller.node;

import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.WatchEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node controllers' shared, event-fed view of nodes and pods (the scheduler cache and the kubelet's pod
 * manager in one): parsed {@link NodeInfo}/{@link PodInfo}, pods indexed by node, and the requested resources per
 * node kept up to date from events, so no decision scans all pods. Every controller calls {@link #observe} from
 * its {@code onEvent}; the first call per event applies it and later calls for the same event get the same
 * {@link Delta}. All methods are synchronized; callers never hold this lock while calling the API server.
 */
final class ClusterState {

  /** What one event changed: a node (old/new node info) or a pod (old/new pod info); null when absent. */
  record Delta(NodeInfo oldNode, NodeInfo newNode, PodInfo oldPod, PodInfo newPod) {
    static final Delta NONE = new Delta(null, null, null, null);

    boolean isNode() {
      return oldNode != null || newNode != null;
    }

    boolean isPod() {
      return oldPod != null || newPod != null;
    }
  }

  /** Resources requested on one node and the pods bound to it. */
  static final class Usage {
    long cpuMilli;
    long memory;
    long nonZeroCpuMilli;
    long nonZeroMemory;
    int pods;
    final Set<String> podKeys = new LinkedHashSet<>();

    private void apply(PodInfo p, int sign) {
      cpuMilli += sign * p.cpuMilli();
      memory += sign * p.memory();
      nonZeroCpuMilli += sign * p.nonZeroCpuMilli();
      nonZeroMemory += sign * p.nonZeroMemory();
      pods += sign;
    }
  }

  private final TreeMap<String, NodeInfo> nodes = new TreeMap<>();
  private final Map<String, Usage> usage = new HashMap<>();
  private final Map<String, PodInfo> pods = new HashMap<>();
  /** The latest pod objects as events delivered them (shared, read-only: never modify). */
  private final Map<String, ObjectNode> latestPods = new HashMap<>();
  private final Map<String, Integer> nodeIndex = new HashMap<>();
  private WatchEvent lastEvent;
  private Delta lastDelta = Delta.NONE;

  static boolean isPods(ResourceType t) {
    return t.group().isEmpty() && t.plural().equals("pods");
  }

  static boolean isNodes(ResourceType t) {
    return t.group().isEmpty() && t.plural().equals("nodes");
  }

  /** Applies an event once and tells what it changed. */
  synchronized Delta observe(WatchEvent e) {
    if (e == lastEvent) {
      return lastDelta;
    }
    lastEvent = e;
    boolean deleted = e.type().equals("DELETED");
    if (isNodes(e.resource())) {
      NodeInfo now = NodeInfo.parse(e.object());
      NodeInfo old = deleted ? nodes.remove(now.name()) : nodes.put(now.name(), now);
      index(now.name());
      lastDelta = new Delta(old, deleted ? null : now, null, null);
    } else if (isPods(e.resource())) {
      PodInfo now = PodInfo.parse(e.object());
      PodInfo old = deleted ? pods.remove(now.key()) : pods.put(now.key(), now);
      if (deleted) {
        latestPods.remove(now.key());
      } else {
        latestPods.put(now.key(), e.object());
      }
      account(old, deleted ? null : now);
      lastDelta = new Delta(null, null, old, deleted ? null : now);
    } else {
      lastDelta = Delta.NONE;
    }
    return lastDelta;
  }

  /** Loads objects that existed before the controllers were registered. */
  synchronized void prime(Collection<ObjectNode> nodeObjects, Collection<ObjectNode> podObjects) {
    for (ObjectNode n : nodeObjects) {
      NodeInfo info = NodeInfo.parse(n);
      nodes.put(info.name(), info);
      index(info.name());
    }
    for (ObjectNode p : podObjects) {
      PodInfo info = PodInfo.parse(p);
      account(pods.put(info.key(), info), info);
      latestPods.put(info.key(), p.deepCopy());
    }
  }

  private void index(String node) {
    nodeIndex.computeIfAbsent(node, n -> nodeIndex.size());
  }

  private void account(PodInfo old, PodInfo now) {
    if (old != null && old.nodeName() != null) {
      Usage u = usage.get(old.nodeName());
      if (u != null) {
        if (old.holdsResources()) {
          u.apply(old, -1);
        }
        u.podKeys.remove(old.key());
      }
    }
    if (now != null && now.nodeName() != null) {
      Usage u = usage.computeIfAbsent(now.nodeName(), n -> new Usage());
      if (now.holdsResources()) {
        u.apply(now, 1);
      }
      u.podKeys.add(now.key());
    }
  }

  synchronized NodeInfo node(String name) {
    return nodes.get(name);
  }

  /** The latest pod object seen in an event, or null; shared and read-only — callers must not modify it. */
  synchronized ObjectNode podObject(String key) {
    return latestPods.get(key);
  }

  synchronized PodInfo pod(String key) {
    return pods.get(key);
  }

  /** A stable small number per node name, in order of first sight (for IP ranges). */
  synchronized int nodeIndex(String name) {
    return nodeIndex.computeIfAbsent(name, n -> nodeIndex.size());
  }

  synchronized List<String> nodeNames() {
    return new ArrayList<>(nodes.keySet());
  }

  /** Keys of the pods bound to a node (whether or not the node exists). */
  synchronized List<String> podsOn(String node) {
    Usage u = usage.get(node);
    return u == null ? List.of() : new ArrayList<>(u.podKeys);
  }

  /** Nodes by name, for the scheduler; only while holding this object's monitor. */
  TreeMap<String, NodeInfo> nodesLocked() {
    return nodes;
  }

  /** Requested resources of a node; only while holding this object's monitor. */
  Usage usageLocked(String node) {
    Usage u = usage.get(node);
    return u == null ? new Usage() : u;
  }
}
