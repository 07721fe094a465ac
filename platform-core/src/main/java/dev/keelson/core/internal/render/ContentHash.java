package dev.keelson.core.internal.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/** A short, DNS-safe digest of config data, used in content-hashed ConfigMap and Secret names. */
final class ContentHash {

  private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
  private static final int LENGTH = 10;

  private ContentHash() {
  }

  /** Ten characters from Kubernetes' safe alphabet (no vowels, so no accidental words), over sorted entries. */
  static String of(String kind, Map<String, String> data) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    sha.update(kind.getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      sha.update((byte) 0);
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    byte[] digest = sha.digest();
    char[] out = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      out[i] = ALPHABET[(digest[i] & 0xff) % ALPHABET.length];
    }
    return new String(out);
  }
}
