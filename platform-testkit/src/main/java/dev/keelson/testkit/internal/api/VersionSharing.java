package dev.keelson.testkit.internal.api;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a new version of a stored object share every subtree that did not change with the version before it:
 * {@link #copy} copies a written object that way, {@link #adopt} rewrites one the caller owns. Stored versions are
 * never modified, so sharing is safe, and a status write then keeps only its new status and metadata instead of a
 * whole second object: the event history holds thousands of versions, and their size is what the garbage collector
 * pays for.
 *
 * <p>A subtree is reused only when it is identical — same keys in the same order, same value types — so a shared
 * version serializes to exactly the bytes an independent copy would.
 *
 * <pre>{@code
 * ObjectNode next = VersionSharing.copy(written, stored);   // fresh root and metadata; unchanged parts shared
 * }</pre>
 */
final class VersionSharing {

  private VersionSharing() {
  }

  /**
   * A copy of {@code object} whose root and {@code metadata} object are new (the caller may set their members),
   * and whose other subtrees are {@code previous}'s where identical and new copies elsewhere. Neither argument is
   * modified, and the copy never aliases a container of {@code object}.
   */
  static ObjectNode copy(ObjectNode object, ObjectNode previous) {
    ObjectNode out = shallowCopy(object, previous);
    if (out.get("metadata") instanceof ObjectNode meta && previous.get("metadata") == meta) {
      out.set("metadata", shallowCopy(meta, meta));
    }
    return out;
  }

  /**
   * Makes {@code object} share with {@code previous}, in place, every subtree that is identical, and returns it.
   * Its root and {@code metadata} object stay its own. The caller owns {@code object}: its containers are either
   * its own or already stored nodes.
   */
  static ObjectNode adopt(ObjectNode object, ObjectNode previous) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      JsonNode p = previous.get(e.getKey());
      if (e.getKey().equals("metadata") && e.getValue() instanceof ObjectNode meta && p instanceof ObjectNode pm) {
        adoptMembers(meta, pm);
      } else {
        // Replacing the value of an existing key does not disturb the iteration.
        e.setValue(adoptNode(e.getValue(), p));
      }
    }
    return object;
  }

  /** {@code previous} if identical to {@code node}; else node, its identical descendants now previous's. */
  private static JsonNode adoptNode(JsonNode node, JsonNode previous) {
    if (node == previous || previous == null || node.getNodeType() != previous.getNodeType()) {
      return node;
    }
    if (node instanceof ObjectNode o) {
      adoptMembers(o, (ObjectNode) previous);
      return sameMembers(o, (ObjectNode) previous) ? previous : node;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode p = (ArrayNode) previous;
      boolean same = a.size() == p.size();
      for (int i = 0; i < a.size(); i++) {
        JsonNode item = adoptNode(a.get(i), i < p.size() ? p.get(i) : null);
        if (item != a.get(i)) {
          a.set(i, item);
        }
        same &= item == p.get(i);
      }
      return same ? previous : node;
    }
    return node.equals(previous) ? previous : node;
  }

  private static void adoptMembers(ObjectNode object, ObjectNode previous) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      JsonNode p = previous.get(e.getKey());
      JsonNode adopted = adoptNode(e.getValue(), p);
      if (adopted != e.getValue()) {
        e.setValue(adopted);
      }
    }
  }

  /** A new object node whose members are {@link #share}d with the same members of {@code previous}. */
  private static ObjectNode shallowCopy(ObjectNode object, JsonNode previous) {
    ObjectNode out = object.objectNode();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.set(e.getKey(), share(e.getValue(), previous.get(e.getKey())));
    }
    return out;
  }

  /** {@code previous} itself if identical to {@code node}, else a copy of node sharing identical descendants. */
  private static JsonNode share(JsonNode node, JsonNode previous) {
    if (node == previous) {
      return node;
    }
    if (previous == null || node.getNodeType() != previous.getNodeType()) {
      return node.deepCopy();
    }
    if (node instanceof ObjectNode o) {
      ObjectNode out = shallowCopy(o, previous);
      return sameMembers(out, (ObjectNode) previous) ? previous : out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode p = (ArrayNode) previous;
      ArrayNode out = a.arrayNode(a.size());
      boolean same = a.size() == p.size();
      for (int i = 0; i < a.size(); i++) {
        JsonNode item = share(a.get(i), i < p.size() ? p.get(i) : null);
        same &= item == p.get(i);
        out.add(item);
      }
      return same ? previous : out;
    }
    // Value nodes never change; the previous one is kept only when strictly equal (same number type).
    return node.equals(previous) ? previous : node;
  }

  /** True if both have the very same member nodes under the same keys, in the same order. */
  private static boolean sameMembers(ObjectNode a, ObjectNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> ia = a.properties().iterator();
    Iterator<Map.Entry<String, JsonNode>> ib = b.properties().iterator();
    while (ia.hasNext()) {
      Map.Entry<String, JsonNode> ea = ia.next();
      Map.Entry<String, JsonNode> eb = ib.next();
      if (ea.getValue() != eb.getValue() || !ea.getKey().equals(eb.getKey())) {
        return false;
      }
    }
    return true;
  }
}
