package dev.keelson.testkit.internal.http;

import dev.keelson.testkit.ApiCall;
import dev.keelson.testkit.Fault;
import dev.keelson.testkit.internal.api.ApiException;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.List;

/** What an injected {@link Fault} answers, in the words of the API asked: Kubernetes' or Prometheus'. */
final class FaultAnswers {

  /** How long a request answered with {@link Fault.NoAnswer} is held: longer than any client waits. */
  private static final Duration NO_ANSWER_HOLD = Duration.ofDays(1);

  private FaultAnswers() {
  }

  static MockResponse answer(ApiCall call, Fault fault) {
    if (fault instanceof Fault.NoAnswer) {
      // Vert.x writes nothing, not even the status line, until the delayed body is sent; the mock web server
      // delays only a body that is not empty.
      return new MockResponse().setResponseCode(504).setHeader("Content-Type", "text/plain; charset=utf-8")
          .setBody(statusText(504)).setBodyDelay(NO_ANSWER_HOLD);
    }
    if (fault instanceof Fault.Answer a) {
      return new MockResponse().setResponseCode(a.code()).setHeader("Content-Type", a.contentType())
          .setBody(a.body());
    }
    int code = ((Fault.Status) fault).code();
    if (call.isPrometheus()) {
      // As Prometheus answers while it is not ready (503), and proxies in front of it answer their status.
      return new MockResponse().setResponseCode(code).setHeader("Content-Type", "text/plain; charset=utf-8")
          .setBody(statusText(code));
    }
    return ApiDispatcher.status(new ApiException(code, reasonFor(code), "injected fault: " + code, null, null,
        List.of(), code == 429 ? 1 : null));
  }

  /** Go's {@code http.StatusText}, as Prometheus and the proxies in front of it write it. */
  private static String statusText(int code) {
    return switch (code) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  /** The Kubernetes {@code Status} reason of an error code. */
  private static String reasonFor(int code) {
    return switch (code) {
      case 409 -> "Conflict";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "";
    };
  }
}
