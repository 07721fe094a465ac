package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.internal.api.ApiException;
import dev.keelson.testkit.internal.api.Json;
import dev.keelson.testkit.internal.api.ObjectStore;
import dev.keelson.testkit.internal.api.ResourceType;
import dev.keelson.testkit.internal.api.Selector;
import dev.keelson.testkit.internal.api.StoreWatch;
import dev.keelson.testkit.internal.api.WatchEvent;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch served over a websocket: registers a store watch when the socket opens and sends each event as a
 * {@code {"type":...,"object":...}} frame, in order, from a pooled sender so the store never waits on a socket.
 */
final class WatchSession extends WebSocketListener {

  private final ObjectStore store;
  private final ResourceType type;
  private final String namespace;
  private final Selector labels;
  private final Selector fields;
  private final String resourceVersion;
  private final ExecutorService senders;
  private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile WebSocket socket;
  private volatile StoreWatch watch;
  private volatile boolean closeAfterDrain;

  WatchSession(ObjectStore store, ResourceType type, String namespace, Selector labels, Selector fields,
      String resourceVersion, ExecutorService senders) {
    this.store = store;
    this.type = type;
    this.namespace = namespace;
    this.labels = labels;
    this.fields = fields;
    this.resourceVersion = resourceVersion;
    this.senders = senders;
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    this.socket = webSocket;
    try {
      watch = store.watch(type, namespace, labels, fields, resourceVersion, this::enqueue);
      watch.onClose(() -> {
        closeAfterDrain = true;
        drain();
      });
    } catch (ApiException e) {
      // A too-old resourceVersion is not an HTTP error: the stream carries one ERROR event, then ends.
      ObjectNode frame = Json.object();
      frame.put("type", "ERROR");
      frame.set("object", e.toStatus());
      frames.add(Json.write(frame));
      closeAfterDrain = true;
      drain();
    }
  }

  private void enqueue(WatchEvent event) {
    ObjectNode frame = Json.object();
    frame.put("type", event.type());
    frame.set("object", event.object());
    frames.add(Json.write(frame));
    drain();
  }

  private void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      senders.execute(this::sendAll);
    } catch (RuntimeException rejected) {
      draining.set(false);
    }
  }

  private void sendAll() {
    try {
      String frame;
      while ((frame = frames.poll()) != null) {
        WebSocket ws = socket;
        if (ws != null) {
          ws.send(frame);
        }
      }
      if (closeAfterDrain && socket != null) {
        socket.close(1000, "watch closed");
      }
    } finally {
      draining.set(false);
      if (!frames.isEmpty()) {
        drain();
      }
    }
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    stop();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    stop();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    stop();
  }

  private void stop() {
    StoreWatch w = watch;
    if (w != null) {
      w.close();
    }
  }
}
