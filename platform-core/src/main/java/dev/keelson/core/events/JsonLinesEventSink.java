package dev.keelson.core.events;

import dev.keelson.core.internal.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes each event as one JSON object per line (fields in a fixed order, attributes sorted), flushing after each
 * line so that a crash loses at most the line being written. Ready for {@code jq}, log shippers and audit stores.
 *
 * <pre>{@code
 * try (JsonLinesEventSink sink = JsonLinesEventSink.to(Path.of("audit.jsonl"))) {
 *   bus.addSink(sink);
 *   applier.apply(plan);
 * }
 * // {"time":"2026-01-01T00:00:00Z","type":"AuditRecord","reason":"Audited","target":{...},...}
 * }</pre>
 */
public final class JsonLinesEventSink implements EventSink, AutoCloseable {
  private final Writer out;
  private final boolean owned;

  private JsonLinesEventSink(Writer out, boolean owned) {
    this.out = Objects.requireNonNull(out, "out");
    this.owned = owned;
  }

  /** Appends to a file, creating it if needed; {@link #close()} closes the file. */
  public static JsonLinesEventSink to(Path file) {
    try {
      return new JsonLinesEventSink(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + " for events", e);
    }
  }

  /** Writes to a writer the caller owns and closes. */
  public static JsonLinesEventSink to(Writer writer) {
    return new JsonLinesEventSink(writer, false);
  }

  @Override
  public synchronized void accept(PlatformEvent event) {
    try {
      out.write(EventJson.line(event));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.type(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (owned) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close events file", e);
      }
    }
  }
}
