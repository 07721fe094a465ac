package dev.keelson.core.app;

import dev.keelson.core.spec.SpecStyle;
import org.immutables.value.Value;

/**
 * A path of an Ingress or HTTPRoute, sent to one named port of the app's Service.
 *
 * <pre>{@code
 * RoutePath.prefix("/", "http")
 * RoutePath.exact("/healthz", "http")
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class RoutePath {

  /** How the path matches. */
  public enum Match { PREFIX, EXACT }

  public abstract String path();

  @Value.Default
  public Match match() {
    return Match.PREFIX;
  }

  /** Name of a port of the app's Service. */
  public abstract String portName();

  public static ImmutableRoutePath prefix(String path, String portName) {
    return ImmutableRoutePath.builder().path(path).match(Match.PREFIX).portName(portName).build();
  }

  public static ImmutableRoutePath exact(String path, String portName) {
    return ImmutableRoutePath.builder().path(path).match(Match.EXACT).portName(portName).build();
  }

  public static ImmutableRoutePath.Builder builder() {
    return ImmutableRoutePath.builder();
  }
}
