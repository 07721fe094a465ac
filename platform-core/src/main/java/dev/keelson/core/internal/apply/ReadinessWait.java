package dev.keelson.core.internal.apply;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectOutcome;
import dev.keelson.core.apply.ObjectOutcome.Status;
import dev.keelson.core.internal.plan.Readiness;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Waits until the workloads a run wrote have rolled out and its Jobs completed, or the deadline (on the applier's
 * clock) passes; what is not ready by then is marked {@link Status#NOT_READY} with the reason.
 */
final class ReadinessWait {
  private final Applier.Settings settings;
  private final ObjectWriter writer;
  private final Map<ObjectRef, ObjectOutcome> outcomes;

  ReadinessWait(Applier.Settings settings, ObjectWriter writer, Map<ObjectRef, ObjectOutcome> outcomes) {
    this.settings = settings;
    this.writer = writer;
    this.outcomes = outcomes;
  }

  void await() {
    Map<ObjectRef, String> pending = new LinkedHashMap<>();
    outcomes.values().stream()
        .filter(o -> (o.status() == Status.CREATED || o.status() == Status.UPDATED)
            && Readiness.isWaitable(o.ref().groupKind()))
        .map(ObjectOutcome::ref).sorted().forEach(ref -> pending.put(ref, "not checked yet"));
    Instant deadline = settings.clock().instant().plus(settings.readinessTimeout());
    while (!pending.isEmpty()) {
      for (ObjectRef ref : List.copyOf(pending.keySet())) {
        GenericKubernetesResource live = writer.read(ref);
        if (live == null) {
          notReady(ref, "deleted while waiting for it");
          pending.remove(ref);
          continue;
        }
        Readiness.State state = Readiness.of(ref.groupKind(), settings.client().getKubernetesSerialization()
            .convertValue(live, JsonNode.class));
        if (state.ready()) {
          pending.remove(ref);
        } else if (state.failed()) {
          notReady(ref, state.reason());
          pending.remove(ref);
        } else {
          pending.put(ref, state.reason());
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (!settings.clock().instant().isBefore(deadline)) {
        pending.forEach((ref, reason) -> notReady(ref, "not ready after " + settings.readinessTimeout() + ": "
            + reason));
        return;
      }
      sleep();
    }
  }

  private void notReady(ObjectRef ref, String reason) {
    ObjectOutcome written = outcomes.get(ref);
    outcomes.put(ref, new ObjectOutcome(ref, Status.NOT_READY, written.attempts(), List.of(), Optional.of(reason)));
  }

  private void sleep() {
    try {
      Thread.sleep(settings.pollInterval().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for readiness", e);
    }
  }
}
