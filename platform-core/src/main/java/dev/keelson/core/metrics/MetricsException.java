package dev.keelson.core.metrics;

/**
 * A query that did not give a result, with Prometheus' own {@code errorType} and message when Prometheus refused it
 * ({@code bad_data} for a malformed query, {@code execution}, {@code timeout}, {@code canceled}, {@code internal},
 * {@code unavailable}), or one of the client's when no answer came back: {@link #CONNECTION}, {@link #HTTP} (a
 * status without Prometheus' error body) or {@link #INVALID_RESPONSE}.
 *
 * <pre>{@code
 * try {
 *   metrics.query("rate(http_requests_total)", now);
 * } catch (MetricsException e) {
 *   if (e.errorType().equals("bad_data")) { ... }   // the range selector is missing
 * }
 * }</pre>
 */
public final class MetricsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The server could not be reached, or did not answer within the timeout. */
  public static final String CONNECTION = "connection";
  /** The server answered with an HTTP error status and no Prometheus error body (a proxy, a wrong path). */
  public static final String HTTP = "http";
  /** The server answered something that is not a Prometheus API response. */
  public static final String INVALID_RESPONSE = "invalid_response";

  private final String errorType;
  private final int httpStatus;

  public MetricsException(String errorType, String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  public MetricsException(String errorType, String message) {
    this(errorType, message, 0, null);
  }

  /** Prometheus' {@code errorType}, or one of this class's constants. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status of the answer, or 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }
}
