package dev.keelson.testkit;

import dev.keelson.testkit.internal.prom.ResultJson;
import java.util.Objects;

/**
 * What an injected fault answers instead of the simulated cluster ({@link ApiFaults}): an error status in the words
 * of the API asked, an answer of the test's own, Prometheus' error JSON, or no answer at all.
 *
 * <pre>{@code
 * cluster.faults().failNext(1, Fault.prometheusTimeout(), ApiCall::isPrometheus);   // the query timed out
 * cluster.faults().failNext(1, Fault.noAnswer(), ApiCall::isPrometheus);            // the client's timeout fires
 * cluster.faults().failAll(Fault.answer(502, "text/html", "<html>Bad Gateway</html>"), ApiCall::isPrometheus);
 * }</pre>
 */
public sealed interface Fault {

  /**
   * The status as the API asked answers it: a Kubernetes {@code Status} object (reason {@code Conflict},
   * {@code TooManyRequests}, ...) from the Kubernetes API; from the Prometheus API the status text as plain text,
   * as Prometheus answers while it is not ready (503 {@code Service Unavailable}) and as a proxy in front of it
   * answers (502 {@code Bad Gateway}, 504 {@code Gateway Timeout}).
   *
   * @param code an HTTP error status, 400 to 599
   */
  static Fault status(int code) {
    return new Status(code);
  }

  /**
   * Exactly this answer, e.g. the HTML page of a load balancer in front of the API, or a login page answered with 200
   * by a single-sign-on proxy.
   *
   * @param code an HTTP status, 200 to 599
   */
  static Fault answer(int code, String contentType, String body) {
    return new Answer(code, contentType, body);
  }

  /**
   * Prometheus' error JSON, {@code {"status":"error","errorType":...,"error":...}}, e.g.
   * {@code prometheusError(422, "execution", "...")} or {@code prometheusError(503, "unavailable", "...")}.
   */
  static Fault prometheusError(int code, String errorType, String message) {
    return new Answer(code, "application/json", ResultJson.error(errorType, message));
  }

  /**
   * A query that ran past Prometheus' {@code --query.timeout}: HTTP 503 with
   * {@code {"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}}, as
   * Prometheus 2.42 words it.
   */
  static Fault prometheusTimeout() {
    return prometheusError(503, "timeout", "query timed out in expression evaluation");
  }

  /**
   * No answer: the connection is held open (for a day at most) until the client's own timeout gives up, as with a
   * server stuck evaluating or a dead upstream behind a proxy. The call is logged with status 0.
   */
  static Fault noAnswer() {
    return new NoAnswer();
  }

  /** An error status answered in the words of the API asked; see {@link #status(int)}. */
  record Status(int code) implements Fault {
    public Status {
      requireErrorStatus(code);
    }
  }

  /** A verbatim answer; see {@link #answer(int, String, String)}. */
  record Answer(int code, String contentType, String body) implements Fault {
    public Answer {
      if (code < 200 || code > 599) {
        throw new IllegalArgumentException("an answer has an HTTP status from 200 to 599, got " + code);
      }
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** No answer; see {@link #noAnswer()}. */
  record NoAnswer() implements Fault {
  }

  private static void requireErrorStatus(int code) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException("an injected fault answers an HTTP error status (400 to 599), got " + code);
    }
  }
}
