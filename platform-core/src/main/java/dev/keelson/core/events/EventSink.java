package dev.keelson.core.events;

/**
 * Where published events go: a log, the cluster's Events, a file. Sinks see every event on the bus they are added
 * to. A sink must not throw for a single bad write; the bus logs and carries on if it does.
 *
 * <pre>{@code
 * EventBus bus = EventBus.create().addSink(new Slf4jEventSink()).addSink(JsonLinesEventSink.to(path));
 * }</pre>
 */
@FunctionalInterface
public interface EventSink {
  void accept(PlatformEvent event);
}
