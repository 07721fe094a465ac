package dev.keelson.testkit.internal.controller.workload;

import tools.jackson.databind.JsonNode;

/**
 * {@code deploymentutil.EqualIgnoreHash}: whether two pod templates are semantically equal once the
 * {@code pod-template-hash} label is ignored. Compares in place, without copying either template.
 */
final class TemplateEquality {

  static final String HASH_LABEL = "pod-template-hash";

  private TemplateEquality() {
  }

  static boolean equalIgnoringHash(JsonNode a, JsonNode b) {
    if (!sameExcept(a, b, "metadata")) {
      return false;
    }
    JsonNode ma = Nodes.at(a, "metadata");
    JsonNode mb = Nodes.at(b, "metadata");
    if (!sameExcept(ma, mb, "labels")) {
      return false;
    }
    return sameExcept(Nodes.at(ma, "labels"), Nodes.at(mb, "labels"), HASH_LABEL);
  }

  /** Semantic equality of two objects over every field but {@code skipped}. */
  private static boolean sameExcept(JsonNode a, JsonNode b, String skipped) {
    boolean aObject = a != null && a.isObject();
    boolean bObject = b != null && b.isObject();
    if (!aObject && !bObject) {
      return JsonEquality.semanticallyEqual(a, b);
    }
    if (!aObject) {
      return (a == null || a.isNull()) && onlyEmpty(b, skipped);
    }
    if (!bObject) {
      return (b == null || b.isNull()) && onlyEmpty(a, skipped);
    }
    for (var e : a.properties()) {
      if (!e.getKey().equals(skipped) && !JsonEquality.semanticallyEqual(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    for (var e : b.properties()) {
      if (!e.getKey().equals(skipped) && a.get(e.getKey()) == null
          && !JsonEquality.semanticallyEqual(null, e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyEmpty(JsonNode o, String skipped) {
    for (var e : o.properties()) {
      if (!e.getKey().equals(skipped) && !JsonEquality.semanticallyEqual(null, e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
