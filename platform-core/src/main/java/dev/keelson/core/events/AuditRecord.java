package dev.keelson.core.events;

import dev.keelson.core.ObjectRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail of one write: who did what to which object, why, what it looked like before and after (as
 * digests, never contents), and how it ended. The applier publishes one for every write it attempts; keep them by
 * subscribing to this type or with a sink.
 *
 * <p>Digests are SHA-256 over the object's canonical JSON without server-managed metadata. A Secret's values never
 * enter a digest (only its keys do), so a digest cannot be used to guess a secret.
 *
 * <pre>{@code
 * List<AuditRecord> trail = new CopyOnWriteArrayList<>();
 * bus.subscribe(AuditRecord.class, trail::add);
 * }</pre>
 *
 * @param time when the write ended
 * @param correlationId the plan → apply run it belongs to
 * @param actor who asked for it (a user, a pipeline, a controller)
 * @param action {@code create}, {@code update} or {@code delete}
 * @param object the object written
 * @param why the reason given for the change
 * @param beforeDigest digest of the live object before the write; empty for a create
 * @param afterDigest digest of the object after the write; empty for a delete or a failed write
 * @param outcome how it ended
 * @param error what went wrong, when it failed
 */
public record AuditRecord(Instant time, String correlationId, String actor, String action, ObjectRef object,
    String why, Optional<String> beforeDigest, Optional<String> afterDigest, Outcome outcome, Optional<String> error)
    implements PlatformEvent {

  /** How a write ended. */
  public enum Outcome {
    SUCCEEDED,
    FAILED
  }

  public AuditRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(object, "object");
    why = why == null ? "" : why;
    beforeDigest = beforeDigest == null ? Optional.empty() : beforeDigest;
    afterDigest = afterDigest == null ? Optional.empty() : afterDigest;
    Objects.requireNonNull(outcome, "outcome");
    error = error == null ? Optional.empty() : error;
  }

  @Override
  public Optional<ObjectRef> target() {
    return Optional.of(object);
  }

  @Override
  public String reason() {
    return outcome == Outcome.SUCCEEDED ? "Audited" : "AuditedFailure";
  }

  @Override
  public String message() {
    return actor + " " + action + " " + object + (why.isEmpty() ? "" : " (" + why + ")") + ": "
        + (outcome == Outcome.SUCCEEDED ? "succeeded" : "failed" + error.map(e -> ": " + e).orElse(""));
  }

  @Override
  public Severity severity() {
    return outcome == Outcome.SUCCEEDED ? Severity.NORMAL : Severity.WARNING;
  }

  @Override
  public Map<String, String> attributes() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("actor", actor);
    a.put("action", action);
    a.put("why", why);
    beforeDigest.ifPresent(d -> a.put("before", d));
    afterDigest.ifPresent(d -> a.put("after", d));
    a.put("outcome", outcome.name());
    error.ifPresent(e -> a.put("error", e));
    return a;
  }
}
