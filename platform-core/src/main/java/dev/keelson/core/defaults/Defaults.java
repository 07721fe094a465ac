package dev.keelson.core.defaults;

import dev.keelson.core.spec.Resources;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named profile of golden-path defaults applied at render time. Immutable: every {@code with*}/{@code without}
 * returns a new profile.
 *
 * <pre>{@code
 * Defaults profile = Defaults.goldenPath()
 *     .without(Default.READ_ONLY_ROOT_FILESYSTEM)
 *     .withDefaultSizeClass("small");
 * }</pre>
 */
public final class Defaults {

  /** Annotation listing the defaults that changed a rendered object. */
  public static final String APPLIED_ANNOTATION = "keelson.dev/defaults-applied";

  /** Annotation naming the profile an object was rendered with. */
  public static final String PROFILE_ANNOTATION = "keelson.dev/defaults-profile";

  private final String name;
  private final Set<Default> enabled;
  private final Map<String, SizeClass> sizeClasses;
  private final String defaultSizeClass;
  private final long terminationGracePeriodSeconds;
  private final long preStopSleepSeconds;
  private final int revisionHistoryLimit;
  private final int progressDeadlineSeconds;

  private Defaults(String name, Set<Default> enabled, Map<String, SizeClass> sizeClasses, String defaultSizeClass,
      long terminationGracePeriodSeconds, long preStopSleepSeconds, int revisionHistoryLimit,
      int progressDeadlineSeconds) {
    this.name = Objects.requireNonNull(name, "name");
    this.enabled = Collections.unmodifiableSet(enabled.isEmpty() ? EnumSet.noneOf(Default.class)
        : EnumSet.copyOf(enabled));
    this.sizeClasses = Collections.unmodifiableMap(new LinkedHashMap<>(sizeClasses));
    this.defaultSizeClass = defaultSizeClass;
    this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
    this.preStopSleepSeconds = preStopSleepSeconds;
    this.revisionHistoryLimit = revisionHistoryLimit;
    this.progressDeadlineSeconds = progressDeadlineSeconds;
  }

  /**
   * The golden path: every default on except {@link Default#CPU_LIMIT_EQUALS_REQUEST}; size classes
   * {@code small} (100m/128Mi), {@code medium} (500m/512Mi), {@code large} (2/2Gi); no default size class, so a
   * container without resources fails to render.
   */
  public static Defaults goldenPath() {
    Map<String, SizeClass> sizes = new LinkedHashMap<>();
    sizes.put("small", new SizeClass("small", Resources.of("100m", "128Mi")));
    sizes.put("medium", new SizeClass("medium", Resources.of("500m", "512Mi")));
    sizes.put("large", new SizeClass("large", Resources.of("2", "2Gi")));
    EnumSet<Default> on = EnumSet.allOf(Default.class);
    on.remove(Default.CPU_LIMIT_EQUALS_REQUEST);
    return new Defaults("golden-path", on, sizes, null, 30, 5, 5, 600);
  }

  /** No defaults at all: the specs rendered as written (Kubernetes' own defaults apply on the server). */
  public static Defaults none() {
    return new Defaults("none", EnumSet.noneOf(Default.class), Map.of(), null, 30, 5, 10, 600);
  }

  public String name() {
    return name;
  }

  public boolean isEnabled(Default d) {
    return enabled.contains(d);
  }

  public Set<Default> enabled() {
    return enabled;
  }

  public Map<String, SizeClass> sizeClasses() {
    return sizeClasses;
  }

  public Optional<SizeClass> sizeClass(String sizeName) {
    return Optional.ofNullable(sizeClasses.get(sizeName));
  }

  /** The size class used for containers that give neither resources nor a size class. */
  public Optional<String> defaultSizeClass() {
    return Optional.ofNullable(defaultSizeClass);
  }

  public long terminationGracePeriodSeconds() {
    return terminationGracePeriodSeconds;
  }

  public long preStopSleepSeconds() {
    return preStopSleepSeconds;
  }

  public int revisionHistoryLimit() {
    return revisionHistoryLimit;
  }

  public int progressDeadlineSeconds() {
    return progressDeadlineSeconds;
  }

  /** A copy with the given defaults switched off. */
  public Defaults without(Default... defaults) {
    EnumSet<Default> on = copy();
    for (Default d : defaults) {
      on.remove(d);
    }
    return new Defaults(name, on, sizeClasses, defaultSizeClass, terminationGracePeriodSeconds, preStopSleepSeconds,
        revisionHistoryLimit, progressDeadlineSeconds);
  }

  /** A copy with the given defaults switched on. */
  public Defaults with(Default... defaults) {
    EnumSet<Default> on = copy();
    on.addAll(java.util.List.of(defaults));
    return new Defaults(name, on, sizeClasses, defaultSizeClass, terminationGracePeriodSeconds, preStopSleepSeconds,
        revisionHistoryLimit, progressDeadlineSeconds);
  }

  /** A copy under another profile name (recorded on rendered objects). */
  public Defaults named(String profileName) {
    return new Defaults(profileName, enabled, sizeClasses, defaultSizeClass, terminationGracePeriodSeconds,
        preStopSleepSeconds, revisionHistoryLimit, progressDeadlineSeconds);
  }

  /** A copy with an added or replaced size class. */
  public Defaults withSizeClass(SizeClass sizeClass) {
    Map<String, SizeClass> sizes = new LinkedHashMap<>(sizeClasses);
    sizes.put(sizeClass.name(), sizeClass);
    return new Defaults(name, enabled, sizes, defaultSizeClass, terminationGracePeriodSeconds, preStopSleepSeconds,
        revisionHistoryLimit, progressDeadlineSeconds);
  }

  /** A copy that fills resources of containers without any from the named size class. */
  public Defaults withDefaultSizeClass(String sizeName) {
    if (!sizeClasses.containsKey(sizeName)) {
      throw new IllegalArgumentException("unknown size class \"" + sizeName + "\"; known: " + sizeClasses.keySet());
    }
    return new Defaults(name, enabled, sizeClasses, sizeName, terminationGracePeriodSeconds, preStopSleepSeconds,
        revisionHistoryLimit, progressDeadlineSeconds);
  }

  /** A copy with other graceful-shutdown timings. */
  public Defaults withGracefulShutdown(long terminationGraceSeconds, long preStopSleep) {
    if (preStopSleep >= terminationGraceSeconds) {
      throw new IllegalArgumentException("preStop sleep (" + preStopSleep
          + "s) must be shorter than terminationGracePeriodSeconds (" + terminationGraceSeconds + "s)");
    }
    return new Defaults(name, enabled, sizeClasses, defaultSizeClass, terminationGraceSeconds, preStopSleep,
        revisionHistoryLimit, progressDeadlineSeconds);
  }

  private EnumSet<Default> copy() {
    return enabled.isEmpty() ? EnumSet.noneOf(Default.class) : EnumSet.copyOf(enabled);
  }

  @Override
  public String toString() {
    return "Defaults[" + name + ", " + enabled + "]";
  }
}
