package dev.keelson.testkit.internal.api;

import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proves, when assertions are on (as in the test suites), that nobody modifies a stored version: the store, the
 * API server and the controllers read stored versions without copying them, and consecutive versions share their
 * unchanged parts, so one careless write into a stored object would silently change history. Remembers the JSON of
 * every current version and checks it when the version is replaced or removed. Does nothing otherwise.
 *
 * <pre>{@code
 * guard.replaced(old, current);   // throws AssertionError if old was changed since it was stored
 * }</pre>
 */
final class StoredVersionGuard {

  private final Map<ObjectNode, String> written;

  StoredVersionGuard() {
    boolean assertions = false;
    assert assertions = true;
    this.written = assertions ? new IdentityHashMap<>() : null;
  }

  /** Records that {@code current} (null when removed) took the place of {@code old} (null when created). */
  void replaced(ObjectNode old, ObjectNode current) {
    if (written == null) {
      return;
    }
    if (old != null) {
      String before = written.remove(old);
      String now = Json.write(old);
      if (before != null && !before.equals(now)) {
        throw new AssertionError("a stored version was modified after it was stored:\n  was " + before
            + "\n  now " + now);
      }
    }
    if (current != null) {
      written.put(current, Json.write(current));
    }
  }
}
