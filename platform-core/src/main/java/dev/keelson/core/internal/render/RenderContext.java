package dev.keelson.core.internal.render;

import dev.keelson.core.defaults.Default;
import dev.keelson.core.defaults.Defaults;
import dev.keelson.core.internal.validate.Checks;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * State of one render: the profile, the rendered names of content-hashed configs, the violations found while
 * applying defaults, and the defaults applied to the object being rendered.
 */
final class RenderContext {

  private final Defaults defaults;
  private final Map<String, String> configMapNames;
  private final Map<String, String> secretNames;
  private final Checks checks;
  private final EnumSet<Default> applied = EnumSet.noneOf(Default.class);

  RenderContext(Defaults defaults, Map<String, String> configMapNames, Map<String, String> secretNames,
      Checks checks) {
    this.defaults = defaults;
    this.configMapNames = configMapNames;
    this.secretNames = secretNames;
    this.checks = checks;
  }

  Defaults defaults() {
    return defaults;
  }

  Checks checks() {
    return checks;
  }

  boolean on(Default d) {
    return defaults.isEnabled(d);
  }

  /** Records that {@code d} changed the object being rendered. */
  void applied(Default d) {
    applied.add(d);
  }

  /** Starts a new object: forgets the defaults recorded for the previous one. */
  void beginObject() {
    applied.clear();
  }

  String configMapName(String name) {
    return configMapNames.getOrDefault(name, name);
  }

  String secretName(String name) {
    return secretNames.getOrDefault(name, name);
  }

  /** Annotations recording the defaults applied to the current object, merged into {@code annotations}. */
  Map<String, String> annotate(Map<String, String> annotations) {
    Map<String, String> result = new TreeMap<>(annotations);
    if (!applied.isEmpty()) {
      result.put(Defaults.APPLIED_ANNOTATION, applied.stream().map(Default::label).collect(Collectors.joining(",")));
      result.put(Defaults.PROFILE_ANNOTATION, defaults.name());
    }
    return result;
  }

  Set<Default> appliedSoFar() {
    return Set.copyOf(applied);
  }
}
