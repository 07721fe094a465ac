package dev.keelson.core.apply;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.events.PlatformEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * The applier is done with a plan, successfully or not; {@link #result()} has every object's outcome.
 *
 * <pre>{@code
 * bus.subscribe(ApplyFinished.class, e -> notifier.post(e.result().summary()));
 * }</pre>
 *
 * @param time when it finished
 * @param correlationId the plan's correlation id
 * @param result what happened
 */
public record ApplyFinished(Instant time, String correlationId, ApplyResult result) implements PlatformEvent {

  @Override
  public Optional<ObjectRef> target() {
    return Optional.empty();
  }

  @Override
  public String reason() {
    return result.succeeded() ? "Applied" : "ApplyIncomplete";
  }

  @Override
  public String message() {
    return result.summary();
  }

  @Override
  public Severity severity() {
    return result.succeeded() ? Severity.NORMAL : Severity.WARNING;
  }
}
