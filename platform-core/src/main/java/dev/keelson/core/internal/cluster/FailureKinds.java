package dev.keelson.core.internal.cluster;

import dev.keelson.core.cluster.Cluster;
import dev.keelson.core.cluster.ClusterOutcome;
import dev.keelson.core.cluster.ClusterOutcome.Status;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

/** Turns what a task threw on a cluster into an outcome whose message says what happened there. */
final class FailureKinds {

  private FailureKinds() {
  }

  static <T> ClusterOutcome<T> of(Cluster cluster, Throwable thrown, Duration elapsed) {
    Throwable connect = connectionFailure(thrown);
    if (connect != null) {
      return ClusterOutcome.failure(cluster.name(), Status.UNREACHABLE, "cluster " + cluster.name()
          + " is unreachable at " + cluster.server() + " (" + describe(connect) + ")", thrown, elapsed);
    }
    return ClusterOutcome.failure(cluster.name(), Status.FAILED, "task failed on cluster " + cluster.name() + ": "
        + describe(thrown), thrown, elapsed);
  }

  static <T> ClusterOutcome<T> timedOut(Cluster cluster, Duration timeout, Duration elapsed) {
    return ClusterOutcome.failure(cluster.name(), Status.TIMED_OUT, "task on cluster " + cluster.name()
        + " did not finish within " + timeout + "; it was interrupted", null, elapsed);
  }

  static <T> ClusterOutcome<T> cancelled(Cluster cluster, Duration elapsed) {
    return ClusterOutcome.failure(cluster.name(), Status.CANCELLED, "task on cluster " + cluster.name()
        + " was cancelled: the thread running the fleet was interrupted", null, elapsed);
  }

  /** The exception in the cause chain that says the API server could not be connected to, or null. */
  private static Throwable connectionFailure(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
          || t instanceof HttpConnectTimeoutException) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
