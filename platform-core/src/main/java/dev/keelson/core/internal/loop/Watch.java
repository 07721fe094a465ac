package dev.keelson.core.internal.loop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.function.Function;

/**
 * A cache a control loop runs and, when {@code toKey} is set, whose events become keys.
 *
 * @param toKey maps an object to its key (null: ignore the object), or null for a lookup-only cache
 */
public record Watch<T extends HasMetadata, K>(InformerCache<T> cache, Function<? super T, ? extends K> toKey) {
}
