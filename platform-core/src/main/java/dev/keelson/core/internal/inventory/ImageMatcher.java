package dev.keelson.core.internal.inventory;

import dev.keelson.core.validation.ImageReference;
import java.util.Objects;

/**
 * Which container images a query names. {@code registry.example.com/shop/web} matches that repository at any tag
 * or digest (and repositories below it, {@code .../web/debug}); {@code registry.example.com/shop/web:1.4.2} matches
 * that tag (with or without a digest); {@code ...@sha256:...} that digest; a query ending in {@code /} — a registry
 * or path prefix such as {@code registry.example.com/} — matches every repository under it. Docker Hub names match
 * in their short and long forms: {@code nginx} is {@code docker.io/library/nginx}.
 */
public final class ImageMatcher {

  private static final String HUB = "docker.io";

  private final String name;
  private final String tag;
  private final String digest;
  private final boolean prefixOnly;

  private ImageMatcher(String name, String tag, String digest, boolean prefixOnly) {
    this.name = name;
    this.tag = tag;
    this.digest = digest;
    this.prefixOnly = prefixOnly;
  }

  /**
   * A matcher for the query.
   *
   * @throws IllegalArgumentException when the query is not an image reference or a prefix ending in {@code /}
   */
  public static ImageMatcher of(String query) {
    Objects.requireNonNull(query, "image");
    try {
      if (query.endsWith("/")) {
        // Normalise the prefix as a two-level repository below it would be, then drop that repository ("/x/x").
        String probe = canonicalName(ImageReference.parse(query + "x/x"));
        return new ImageMatcher(probe.substring(0, probe.length() - 4), null, null, true);
      }
      ImageReference ref = ImageReference.parse(query);
      return new ImageMatcher(canonicalName(ref), ref.tag(), ref.digest(), false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("image query \"" + query + "\" is neither an image reference nor a prefix "
          + "ending in '/': " + e.getMessage(), e);
    }
  }

  /** Whether a container's {@code image:} matches; an image that does not parse matches only its exact text. */
  public boolean matches(String image) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (IllegalArgumentException e) {
      return image.equals(name);
    }
    String candidate = canonicalName(ref);
    boolean below = candidate.startsWith(name + "/");
    if (prefixOnly) {
      return below;
    }
    if (tag == null && digest == null) {
      return candidate.equals(name) || below;
    }
    return candidate.equals(name) && (tag == null || tag.equals(ref.tag()))
        && (digest == null || digest.equals(ref.digest()));
  }

  /** The name as the container runtime resolves it: {@code nginx} is {@code docker.io/library/nginx}. */
  private static String canonicalName(ImageReference ref) {
    String registry = ref.registry() == null || ref.registry().equals("index.docker.io") ? HUB : ref.registry();
    String repository = registry.equals(HUB) && ref.repository().indexOf('/') < 0
        ? "library/" + ref.repository() : ref.repository();
    return registry + "/" + repository;
  }
}
