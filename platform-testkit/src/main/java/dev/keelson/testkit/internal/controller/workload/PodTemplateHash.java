package dev.keelson.testkit.internal.controller.workload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pod-template-hash} of a Deployment's pod template ({@code controller.ComputeHash}): FNV-1a 32-bit over a
 * deterministic dump of the template (object keys sorted), then, when a collision count is set, an 8-byte buffer
 * holding it as a little-endian uint32; the unsigned sum in decimal goes through {@code rand.SafeEncodeString}.
 * Go's go-spew dump cannot be reproduced byte for byte, so values differ from a real cluster's, but the same template
 * always gives the same hash and a different collision count a different one.
 */
final class PodTemplateHash {

  /** {@code rand.SafeEncodeString}'s alphabet: no vowels, no confusable characters. */
  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private PodTemplateHash() {
  }

  static String compute(JsonNode template, Integer collisionCount) {
    StringBuilder dump = new StringBuilder(512);
    write(template, dump);
    int hash = FNV_OFFSET;
    for (byte b : dump.toString().getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    if (collisionCount != null) {
      int c = collisionCount;
      byte[] buffer = {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0};
      for (byte b : buffer) {
        hash ^= b & 0xff;
        hash *= FNV_PRIME;
      }
    }
    return safeEncode(Integer.toUnsignedString(hash));
  }

  /** {@code rand.SafeEncodeString}: each character {@code c} becomes {@code alphanums[c % 27]}. */
  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(ALPHANUMS.charAt(s.charAt(i) % ALPHANUMS.length()));
    }
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("nil");
    } else if (node.isObject()) {
      List<String> keys = new ArrayList<>(node.propertyNames());
      Collections.sort(keys);
      out.append('{');
      for (String k : keys) {
        out.append('"').append(k).append("\":");
        write(node.get(k), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode item : node) {
        write(item, out);
        out.append(',');
      }
      out.append(']');
    } else if (node.isString()) {
      out.append('"');
      String s = node.asString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('"');
    } else {
      out.append(node.toString());
    }
  }
}
