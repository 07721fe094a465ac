package dev.keelson.core.events;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link PlatformEvent}s to typed subscribers and to sinks, synchronously on the publishing thread and in
 * subscription order. A failing subscriber or sink is logged and skipped; it never fails the work that published
 * the event.
 *
 * <pre>{@code
 * EventBus bus = EventBus.create().addSink(new Slf4jEventSink());
 * bus.subscribe(AuditRecord.class, audit::add);
 * Applier.on(client).events(bus).build().apply(plan);
 * }</pre>
 */
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

  private final List<Subscriber<?>> subscribers = new CopyOnWriteArrayList<>();

  private EventBus() {
  }

  /** A bus with no subscribers. */
  public static EventBus create() {
    return new EventBus();
  }

  /** Calls {@code listener} for every published event of {@code type} (or a subtype). */
  public <E extends PlatformEvent> Subscription subscribe(Class<E> type, Consumer<? super E> listener) {
    Subscriber<E> subscriber = new Subscriber<>(Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(listener, "listener"));
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** Sends every published event to {@code sink}; returns this bus for chaining. */
  public EventBus addSink(EventSink sink) {
    Objects.requireNonNull(sink, "sink");
    subscribe(PlatformEvent.class, sink::accept);
    return this;
  }

  /** Delivers {@code event} to every matching subscriber. */
  public void publish(PlatformEvent event) {
    Objects.requireNonNull(event, "event");
    for (Subscriber<?> subscriber : subscribers) {
      subscriber.offer(event);
    }
  }

  /** Ends a subscription. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  private record Subscriber<E extends PlatformEvent>(Class<E> type, Consumer<? super E> listener) {
    void offer(PlatformEvent event) {
      if (!type.isInstance(event)) {
        return;
      }
      try {
        listener.accept(type.cast(event));
      } catch (RuntimeException e) {
        LOG.warn("event subscriber for {} failed on {} {}", type.getSimpleName(), event.type(), event.reason(), e);
      }
    }
  }
}
