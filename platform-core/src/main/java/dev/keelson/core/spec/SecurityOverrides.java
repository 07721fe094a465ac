package dev.keelson.core.spec;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Per-container departures from the golden-path security context. Every field left empty keeps the default of
 * the active {@code Defaults} profile (restricted Pod Security Standard).
 *
 * <pre>{@code
 * SecurityOverrides.builder().runAsUser(10001L).addAddCapability("NET_BIND_SERVICE").build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class SecurityOverrides {

  public abstract Optional<Long> runAsUser();

  public abstract Optional<Long> runAsGroup();

  public abstract Optional<Boolean> runAsNonRoot();

  public abstract Optional<Boolean> readOnlyRootFilesystem();

  public abstract Optional<Boolean> allowPrivilegeEscalation();

  /** Capabilities to add back after {@code drop: [ALL]}; restricted allows only {@code NET_BIND_SERVICE}. */
  public abstract List<String> addCapabilities();

  public static ImmutableSecurityOverrides.Builder builder() {
    return ImmutableSecurityOverrides.builder();
  }
}
