package dev.keelson.governance.policy;

import java.time.Instant;
import java.util.List;

/**
 * The engine's verdicts on a set of objects, in the order given, and when they were made.
 *
 * <pre>{@code
 * PolicyResult result = engine.evaluate(objects);
 * result.allowed();      // no finding stands on any object
 * result.findings();     // all findings that stand
 * }</pre>
 */
public record PolicyResult(List<ObjectVerdict> verdicts, Instant evaluatedAt) {

  public PolicyResult {
    verdicts = List.copyOf(verdicts);
  }

  /** Whether every object is allowed. */
  public boolean allowed() {
    return verdicts.stream().allMatch(ObjectVerdict::allowed);
  }

  /** Every finding that stands, object by object. */
  public List<Finding> findings() {
    return verdicts.stream().flatMap(v -> v.findings().stream()).toList();
  }
}
