package dev.keelson.core.events;

import dev.keelson.core.ObjectRef;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events that concern an object as Kubernetes Events ({@code events.k8s.io/v1}) on that object, so that
 * {@code kubectl describe} and {@code kubectl events --for} show what Keelson did next to what the controllers did.
 * Events for cluster-scoped objects go to the {@code default} namespace, as Kubernetes does. Events without a
 * target are skipped. Like client-go's recorder this is best effort: a failed write is logged, never thrown.
 *
 * <pre>{@code
 * bus.addSink(new KubernetesEventSink(client, "keelson-release-7d9f"));
 * }</pre>
 */
public final class KubernetesEventSink implements EventSink {
  /** The {@code reportingController} of every event this sink writes. */
  public static final String REPORTING_CONTROLLER = "keelson.dev/keelson";

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventSink.class);
  private static final int NOTE_LIMIT = 1024;
  private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX",
      Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

  private final KubernetesClient client;
  private final String reportingInstance;
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param client where to write the events
   * @param reportingInstance this process's identity (a pod name, a host), recorded as {@code reportingInstance}
   */
  public KubernetesEventSink(KubernetesClient client, String reportingInstance) {
    this.client = Objects.requireNonNull(client, "client");
    this.reportingInstance = Objects.requireNonNull(reportingInstance, "reportingInstance");
  }

  @Override
  public void accept(PlatformEvent event) {
    if (event.target().isEmpty()) {
      return;
    }
    ObjectRef target = event.target().get();
    String namespace = target.isClusterScoped() ? "default" : target.namespace();
    Event k8s = new EventBuilder()
        .withNewMetadata()
        .withName(target.name() + "." + Long.toHexString(event.time().toEpochMilli() * 1000 + sequence
            .incrementAndGet() % 1000))
        .withNamespace(namespace)
        .addToAnnotations("keelson.dev/correlation-id", event.correlationId())
        .endMetadata()
        .withEventTime(new MicroTime(MICRO.format(event.time().truncatedTo(ChronoUnit.MICROS))))
        .withReportingController(REPORTING_CONTROLLER)
        .withReportingInstance(reportingInstance)
        .withAction(event.type())
        .withReason(event.reason())
        .withType(event.severity() == PlatformEvent.Severity.WARNING ? "Warning" : "Normal")
        .withNote(truncate(event.message()))
        .withRegarding(new ObjectReferenceBuilder().withApiVersion(target.apiVersion()).withKind(target.kind())
            .withNamespace(target.isClusterScoped() ? null : target.namespace()).withName(target.name()).build())
        .build();
    try {
      client.resource(k8s).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}: HTTP {} {}", event.reason(), target, e.getCode(),
          e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
    }
  }

  private static String truncate(String note) {
    return note.length() <= NOTE_LIMIT ? note : note.substring(0, NOTE_LIMIT - 3) + "...";
  }
}
