package dev.keelson.core.apply;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.events.PlatformEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The applier wrote (or failed to write) one object.
 *
 * <pre>{@code
 * bus.subscribe(ObjectApplied.class, e -> metrics.count(e.outcome().status()));
 * }</pre>
 *
 * @param time when the write ended
 * @param correlationId the plan it belongs to
 * @param outcome what happened to the object
 * @param fieldManager the field manager it was applied as
 */
public record ObjectApplied(Instant time, String correlationId, ObjectOutcome outcome, String fieldManager)
    implements PlatformEvent {

  @Override
  public Optional<ObjectRef> target() {
    return Optional.of(outcome.ref());
  }

  @Override
  public String reason() {
    return switch (outcome.status()) {
      case CREATED -> "Created";
      case UPDATED -> "Updated";
      case DELETED -> "Pruned";
      case UNCHANGED -> "Unchanged";
      case FAILED -> "ApplyFailed";
      case NOT_ATTEMPTED -> "NotAttempted";
      case NOT_READY -> "NotReady";
    };
  }

  @Override
  public String message() {
    return outcome.ref() + " " + outcome.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + " by " + fieldManager + outcome.error().map(e -> ": " + e).orElse("");
  }

  @Override
  public Severity severity() {
    return outcome.status().isFailure() ? Severity.WARNING : Severity.NORMAL;
  }

  @Override
  public Map<String, String> attributes() {
    return Map.of("attempts", Integer.toString(outcome.attempts()), "fieldManager", fieldManager);
  }
}
