package dev.keelson.core.events;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes events to SLF4J: normal events at INFO, warnings at WARN, under the logger {@code keelson.events} (or one
 * you name). The correlation id is in the MDC as {@code keelson.correlationId} while the line is logged.
 *
 * <pre>{@code
 * bus.addSink(new Slf4jEventSink());
 * // INFO keelson.events - ObjectApplied Created Deployment shop/web: created by keelson {attempts=1}
 * }</pre>
 */
public final class Slf4jEventSink implements EventSink {
  private final Logger log;

  /** Logs under {@code keelson.events}. */
  public Slf4jEventSink() {
    this("keelson.events");
  }

  /** Logs under the given logger name. */
  public Slf4jEventSink(String loggerName) {
    this.log = LoggerFactory.getLogger(loggerName);
  }

  @Override
  public void accept(PlatformEvent event) {
    Map<String, String> attributes = new TreeMap<>(event.attributes());
    try (MDC.MDCCloseable ignored = MDC.putCloseable("keelson.correlationId", event.correlationId())) {
      String target = event.target().map(t -> " " + t).orElse("");
      if (event.severity() == PlatformEvent.Severity.WARNING) {
        log.warn("{} {}{}: {} {}", event.type(), event.reason(), target, event.message(), attributes);
      } else {
        log.info("{} {}{}: {} {}", event.type(), event.reason(), target, event.message(), attributes);
      }
    }
  }
}
