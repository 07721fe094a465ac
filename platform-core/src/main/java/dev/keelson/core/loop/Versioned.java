package dev.keelson.core.loop;

import java.util.Objects;

/**
 * A value as stored in the cluster, with the resourceVersion of the object that holds it.
 *
 * <pre>{@code
 * Versioned<Progress> progress = store.update(p -> p.next());
 * log.debug("step {} stored at resourceVersion {}", progress.value().step(), progress.version());
 * }</pre>
 *
 * @param value the stored value
 * @param version the resourceVersion of the holding object when the value was read or written
 */
public record Versioned<S>(S value, String version) {

  public Versioned {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(version, "version");
  }
}
