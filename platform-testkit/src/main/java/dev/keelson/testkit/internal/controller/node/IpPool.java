package dev.keelson.testkit.internal.controller.node;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Deterministic addresses: node {@code i} has InternalIP {@code 10.0.x.y} (from 10.0.0.10) and pod CIDR
 * {@code 10.244.i.0/24} (second octet grows past 255 nodes); pod IPs are the lowest free host of the node's range.
 */
final class IpPool {

  private final Map<Integer, BitSet> used = new HashMap<>();

  static String nodeIp(int index) {
    int n = index + 10;
    return "10.0." + (n >> 8) + "." + (n & 255);
  }

  static String podCidr(int index) {
    return prefix(index) + "0/24";
  }

  private static String prefix(int index) {
    return "10." + (244 + (index >> 8)) + "." + (index & 255) + ".";
  }

  synchronized String allocate(int nodeIndex) {
    BitSet b = used.computeIfAbsent(nodeIndex, i -> new BitSet());
    int host = b.nextClearBit(2);
    if (host > 254) {
      host = 254;
    }
    b.set(host);
    return prefix(nodeIndex) + host;
  }

  synchronized void release(int nodeIndex, String ip) {
    BitSet b = used.get(nodeIndex);
    if (b != null && ip != null && ip.startsWith(prefix(nodeIndex))) {
      b.clear(Integer.parseInt(ip.substring(prefix(nodeIndex).length())));
    }
  }
}
