package dev.keelson.core.defaults;

import dev.keelson.core.spec.Resources;
import java.util.Objects;

/**
 * A named t-shirt size: the requests (and limits) a container gets when it names the size instead of giving
 * resources.
 *
 * <pre>{@code
 * new SizeClass("small", Resources.of("100m", "128Mi"))
 * }</pre>
 *
 * @param name the size's name, e.g. {@code small}
 * @param resources the resources it stands for
 */
public record SizeClass(String name, Resources resources) {
  public SizeClass {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resources, "resources");
  }
}
