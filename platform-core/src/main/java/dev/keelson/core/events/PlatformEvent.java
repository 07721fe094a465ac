package dev.keelson.core.events;

import dev.keelson.core.ObjectRef;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Something Keelson did or decided: an object applied or pruned, a gate passed, a rollback, a remediation. Events
 * are immutable values published on an {@link EventBus}; subscribers pick the types they care about, sinks record
 * all of them (SLF4J, Kubernetes Events, JSON lines).
 *
 * <p>Events never carry secret values: they name objects and fields, never payloads.
 *
 * <pre>{@code
 * bus.subscribe(ObjectApplied.class, e -> log.info("{} {}", e.action(), e.target()));
 * }</pre>
 */
public interface PlatformEvent {

  /** How noteworthy an event is; Kubernetes Events map it to {@code Normal} or {@code Warning}. */
  enum Severity {
    NORMAL,
    WARNING
  }

  /** When it happened, on the clock of the component that published it. */
  Instant time();

  /** Ties together everything one plan → apply → events run produced. */
  String correlationId();

  /** The object it is about, if any. */
  Optional<ObjectRef> target();

  /** A short UpperCamelCase reason, as Kubernetes Events have: {@code Applied}, {@code Pruned}, {@code Failed}. */
  String reason();

  /** One human-readable sentence; never contains secret values. */
  String message();

  /** Normal or warning. */
  Severity severity();

  /** Further facts as strings, for sinks that record structured fields (sorted when written). */
  default Map<String, String> attributes() {
    return Map.of();
  }

  /** The event's type name as sinks record it; the simple class name unless overridden. */
  default String type() {
    return getClass().getSimpleName();
  }
}
