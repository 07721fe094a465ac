package dev.keelson.testkit.internal.api;

/**
 * One API resource the simulated API server serves.
 *
 * @param group API group, empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param kind object kind, e.g. {@code Deployment}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param namespaced whether objects live in namespaces
 * @param statusSubresource whether {@code status} is written only through the status subresource (and
 *     {@code metadata.generation} tracks spec changes)
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced,
    boolean statusSubresource) {

  /** {@code apps/v1}, or {@code v1} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code deployments.apps}, or {@code pods} for the core group: the name quota and errors use. */
  public String groupResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /**
   * True if both name the same resource, in whatever version: {@code groupResource().equals(...)} without building
   * the strings (controllers ask it of every event).
   */
  public boolean sameResource(ResourceType other) {
    return other == this || (plural.equals(other.plural) && group.equals(other.group));
  }

  /** The URL prefix of the group version: {@code /api/v1} or {@code /apis/apps/v1}. */
  public String pathPrefix() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
}
