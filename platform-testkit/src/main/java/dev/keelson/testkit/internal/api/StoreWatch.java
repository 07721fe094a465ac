package dev.keelson.testkit.internal.api;

import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * One watch on the store. Events are filtered by namespace and selectors the way the API server filters them: an
 * object that stops matching a label selector is delivered as DELETED, one that starts matching as ADDED.
 */
public final class StoreWatch implements AutoCloseable {

  private final ResourceType type;
  private final String namespace;
  private final Selector labels;
  private final Selector fields;
  private final Consumer<WatchEvent> sink;
  private final Consumer<StoreWatch> onClose;
  private volatile boolean closed;
  private volatile Runnable closeListener = () -> { };

  StoreWatch(ResourceType type, String namespace, Selector labels, Selector fields, Consumer<WatchEvent> sink,
      Consumer<StoreWatch> onClose) {
    this.type = type;
    this.namespace = namespace;
    this.labels = labels;
    this.fields = fields;
    this.sink = sink;
    this.onClose = onClose;
  }

  void offer(WatchEvent e) {
    if (closed || !type.sameResource(e.resource())) {
      return;
    }
    boolean now = ObjectStore.matches(type, e.object(), namespace, labels, fields);
    boolean before = e.previous() != null && ObjectStore.matches(type, e.previous(), namespace, labels, fields);
    String kind = e.type();
    if (kind.equals("MODIFIED")) {
      if (now && !before) {
        kind = "ADDED";
      } else if (!now && before) {
        deliver(new WatchEvent("DELETED", e.resource(), e.object(), e.previous(), e.resourceVersion()));
        return;
      } else if (!now) {
        return;
      }
    } else if (kind.equals("DELETED")) {
      if (!before) {
        return;
      }
    } else if (!now) {
      return;
    }
    deliver(new WatchEvent(kind, e.resource(), e.object(), e.previous(), e.resourceVersion()));
  }


  void deliver(WatchEvent e) {
    if (!closed) {
      ObjectNode copy = e.object().deepCopy();
      sink.accept(new WatchEvent(e.type(), e.resource(), copy, null, e.resourceVersion()));
    }
  }

  /** Called once when the watch ends (closed by the client or dropped by the server). */
  public void onClose(Runnable listener) {
    this.closeListener = listener;
    if (closed) {
      listener.run();
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
      closeListener.run();
    }
  }
}
