package dev.keelson.core.internal.apply;

import dev.keelson.core.ObjectRef;
import dev.keelson.core.apply.Applier;
import dev.keelson.core.apply.ObjectOutcome;
import dev.keelson.core.apply.ObjectOutcome.FieldConflict;
import dev.keelson.core.apply.ObjectOutcome.Status;
import dev.keelson.core.events.AuditRecord;
import dev.keelson.core.internal.plan.Digests;
import dev.keelson.core.internal.plan.Kinds;
import dev.keelson.core.internal.plan.ObjectDiff;
import dev.keelson.core.internal.plan.Retrier;
import dev.keelson.core.plan.ApplySet;
import dev.keelson.core.plan.Change;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Writes single objects: server-side apply with conflict handling and re-planning, and guarded deletes. */
final class ObjectWriter {
  /** Re-reads after a 409 that is not a field conflict, before giving up. */
  private static final int MAX_REPLANS = 3;

  private final Applier.Settings settings;
  private final String correlationId;
  private final Kinds kinds;
  private final Retrier retrier;
  private final AtomicInteger requests;
  private final KubernetesSerialization serialization;

  ObjectWriter(Applier.Settings settings, String correlationId, Kinds kinds, Retrier retrier,
      AtomicInteger requests) {
    this.settings = settings;
    this.correlationId = correlationId;
    this.kinds = kinds;
    this.retrier = retrier;
    this.requests = requests;
    this.serialization = settings.client().getKubernetesSerialization();
  }

  ObjectOutcome write(Change change) {
    ObjectRef ref = change.ref();
    GenericKubernetesResource body = change.desired().filter(GenericKubernetesResource.class::isInstance)
        .map(GenericKubernetesResource.class::cast).orElseGet(() -> serialization.convertValue(change.desired()
            .orElseThrow(), GenericKubernetesResource.class));
    GenericKubernetesResource live = change.live().orElse(null);
    int attempts = 0;
    for (int replans = 0; ; replans++) {
      try {
        Retrier.Attempted<GenericKubernetesResource> applied = retrier.call("apply " + ref, () -> {
          requests.incrementAndGet();
          var apply = resource(ref, body).fieldManager(settings.fieldManager());
          return settings.force() ? apply.forceConflicts().serverSideApply() : apply.serverSideApply();
        });
        attempts += applied.attempts();
        GenericKubernetesResource after = applied.value();
        Status status = live == null ? Status.CREATED : sameVersion(live, after) ? Status.UNCHANGED : Status.UPDATED;
        audit(live == null ? "create" : "update", ref, live, after, null);
        return new ObjectOutcome(ref, status, attempts, List.of(), Optional.empty());
      } catch (Retrier.AttemptsExhausted e) {
        attempts += e.attempts();
        KubernetesClientException error = e.error();
        List<FieldConflict> conflicts = conflicts(error);
        if (error.getCode() == 409 && conflicts.isEmpty() && replans < MAX_REPLANS) {
          live = read(ref);
          if (live != null && ObjectDiff.compare(serialization.convertValue(body, JsonNode.class),
              serialization.convertValue(live, JsonNode.class),
              settings.fieldManager()).isEmpty()) {
            return new ObjectOutcome(ref, Status.UNCHANGED, attempts, List.of(), Optional.empty());
          }
          continue;
        }
        String message = describe(error);
        audit(live == null ? "create" : "update", ref, live, null, message);
        return new ObjectOutcome(ref, Status.FAILED, attempts, conflicts, Optional.of(message));
      }
    }
  }

  ObjectOutcome delete(Change change) {
    ObjectRef ref = change.ref();
    GenericKubernetesResource live = change.live().orElseThrow();
    int attempts = 0;
    for (int replans = 0; ; replans++) {
      String version = live.getMetadata().getResourceVersion();
      try {
        Retrier.Attempted<?> deleted = retrier.call("delete " + ref, () -> {
          requests.incrementAndGet();
          return named(ref).lockResourceVersion(version).delete();
        });
        attempts += deleted.attempts();
        audit("delete", ref, live, null, null);
        return new ObjectOutcome(ref, Status.DELETED, attempts, List.of(), Optional.empty());
      } catch (Retrier.AttemptsExhausted e) {
        attempts += e.attempts();
        if (e.error().getCode() == 404) {
          return new ObjectOutcome(ref, Status.UNCHANGED, attempts, List.of(), Optional.empty());
        }
        if (e.error().getCode() == 409 && replans < MAX_REPLANS) {
          live = read(ref);
          if (live == null || !isMember(live)) {
            return new ObjectOutcome(ref, Status.UNCHANGED, attempts, List.of(), Optional.empty());
          }
          continue;
        }
        String message = describe(e.error());
        audit("delete", ref, live, null, message);
        return new ObjectOutcome(ref, Status.FAILED, attempts, List.of(), Optional.of(message));
      }
    }
  }

  /** The live object, or null when it does not exist. */
  GenericKubernetesResource read(ObjectRef ref) {
    return retrier.call("get " + ref, () -> named(ref).get()).value();
  }

  private boolean isMember(GenericKubernetesResource live) {
    Map<String, String> labels = live.getMetadata().getLabels();
    return labels != null && labels.containsKey(ApplySet.PART_OF_LABEL);
  }

  private Resource<GenericKubernetesResource> resource(ObjectRef ref, GenericKubernetesResource body) {
    return scoped(ref).resource(body);
  }

  private Resource<GenericKubernetesResource> named(ObjectRef ref) {
    return scoped(ref).withName(ref.name());
  }

  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> scoped(ObjectRef ref) {
    APIResource resource = kinds.resource(ref.apiVersion(), ref.kind()).orElseThrow(() ->
        new KubernetesClientException("the cluster does not serve kind " + ref.kind() + " in " + ref.apiVersion()));
    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
        ops = kinds.operations(ref.apiVersion(), resource);
    return ref.isClusterScoped() ? ops : ops.inNamespace(ref.namespace());
  }

  private void audit(String action, ObjectRef ref, GenericKubernetesResource before, GenericKubernetesResource after,
      String error) {
    settings.events().publish(new AuditRecord(settings.clock().instant(), correlationId, settings.actor(), action,
        ref, settings.reason(), Optional.ofNullable(before).map(this::digest), Optional.ofNullable(after)
        .map(this::digest), error == null ? AuditRecord.Outcome.SUCCEEDED : AuditRecord.Outcome.FAILED,
        Optional.ofNullable(error)));
  }

  private String digest(GenericKubernetesResource object) {
    return Digests.of(serialization.convertValue(object, JsonNode.class));
  }

  private static boolean sameVersion(GenericKubernetesResource a, GenericKubernetesResource b) {
    return b != null && a.getMetadata().getResourceVersion() != null
        && a.getMetadata().getResourceVersion().equals(b.getMetadata().getResourceVersion());
  }

  /** The {@code FieldManagerConflict} causes of a 409: who owns which field. */
  static List<FieldConflict> conflicts(KubernetesClientException error) {
    List<FieldConflict> conflicts = new ArrayList<>();
    io.fabric8.kubernetes.api.model.Status status = error.getStatus();
    if (error.getCode() != 409 || status == null || status.getDetails() == null
        || status.getDetails().getCauses() == null) {
      return conflicts;
    }
    for (StatusCause cause : status.getDetails().getCauses()) {
      if ("FieldManagerConflict".equals(cause.getReason())) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int open = message.indexOf('"');
        int close = open < 0 ? -1 : message.indexOf('"', open + 1);
        String manager = close > open ? message.substring(open + 1, close) : message;
        conflicts.add(new FieldConflict(manager, cause.getField()));
      }
    }
    return conflicts;
  }

  /** {@code HTTP 409 Conflict: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas}. */
  static String describe(KubernetesClientException error) {
    io.fabric8.kubernetes.api.model.Status status = error.getStatus();
    String message = status != null && status.getMessage() != null ? status.getMessage() : error.getMessage();
    String reason = status != null && status.getReason() != null ? " " + status.getReason() : "";
    return (error.getCode() > 0 ? "HTTP " + error.getCode() + reason + ": " : "") + message;
  }
}
