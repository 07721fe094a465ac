package dev.keelson.testkit.internal.prom;

/**
 * A query Prometheus would refuse: {@code bad_data} (HTTP 400) for what cannot be parsed or is not supported,
 * {@code execution} (HTTP 422) for what fails while evaluating, e.g. many-to-many matching.
 */
public final class PromQlException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String errorType;

  private PromQlException(String errorType, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
  }

  public static PromQlException badData(String message) {
    return new PromQlException("bad_data", message);
  }

  public static PromQlException execution(String message) {
    return new PromQlException("execution", message);
  }

  /** A parse error at a 0-based offset of a one-line query, worded as Prometheus words them. */
  static PromQlException parse(int offset, String message) {
    return badData("1:" + (offset + 1) + ": parse error: " + message);
  }

  /** Prometheus' {@code errorType}. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status Prometheus answers with for this error type. */
  public int httpStatus() {
    return errorType.equals("execution") ? 422 : 400;
  }
}
