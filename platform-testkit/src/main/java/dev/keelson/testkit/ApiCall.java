package dev.keelson.testkit;

/**
 * One request the simulated API server received.
 *
 * @param verb Kubernetes verb: {@code get}, {@code list}, {@code watch}, {@code create}, {@code update},
 *     {@code patch}, {@code delete}, {@code deletecollection}, or {@code discovery}
 * @param method HTTP method
 * @param path request path with query
 * @param resource resource plural, e.g. {@code deployments}, or empty; the resource metrics API's are
 *     {@code pods.metrics.k8s.io} and {@code nodes.metrics.k8s.io}
 * @param namespace namespace, or empty
 * @param name object name, or empty
 * @param subresource subresource, or empty
 * @param status HTTP status answered
 * @param bodyDigest first 16 hex digits of the body's SHA-256, or empty without a body
 */
public record ApiCall(String verb, String method, String path, String resource, String namespace, String name,
    String subresource, int status, String bodyDigest) {

  /** True for verbs that change state; a dry run ({@code dryRun=All}) changes nothing and is not a write. */
  public boolean isWrite() {
    if (isDryRun()) {
      return false;
    }
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }

  /** True for a request with {@code dryRun=All}: validated and admitted, never stored. */
  public boolean isDryRun() {
    return path.contains("dryRun=All");
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + status;
  }
}
