package dev.keelson.core.internal.plan;

import dev.keelson.core.RetryPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs an API call under a {@link RetryPolicy}, retrying 429, 5xx and lost connections. */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final RetryPolicy policy;

  public Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  /** The result of {@code call}, retried while it fails with a passing error; the last error otherwise. */
  public <T> Attempted<T> call(String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new Attempted<>(call.get(), attempt);
      } catch (KubernetesClientException e) {
        if (!isTransient(e) || attempt >= policy.maxAttempts()) {
          throw new AttemptsExhausted(e, attempt);
        }
        long wait = policy.backoffAfter(attempt).toMillis();
        LOG.debug("{} failed with HTTP {} (attempt {} of {}); retrying in {} ms", what, e.getCode(), attempt,
            policy.maxAttempts(), wait);
        sleep(wait);
      }
    }
  }

  /** 429, 5xx, and failures without an HTTP status (timeouts, refused or dropped connections). */
  public static boolean isTransient(KubernetesClientException e) {
    int code = e.getCode();
    return code == 429 || code >= 500 || code <= 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted while backing off", e);
    }
  }

  /** A call's result and how many attempts it took. */
  public record Attempted<T>(T value, int attempts) {
  }

  /** The error of the last attempt, with how many were made. */
  public static final class AttemptsExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    AttemptsExhausted(KubernetesClientException cause, int attempts) {
      super(cause.getMessage(), cause);
      this.attempts = attempts;
    }

    public int attempts() {
      return attempts;
    }

    public KubernetesClientException error() {
      return (KubernetesClientException) getCause();
    }
  }
}
