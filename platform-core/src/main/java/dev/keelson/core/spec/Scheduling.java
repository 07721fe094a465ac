package dev.keelson.core.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where a workload's pods may and should run: node selector, tolerations, spreading and anti-affinity presets,
 * priority class.
 *
 * <pre>{@code
 * Scheduling.builder().putNodeSelector("pool", "general").spread(Scheduling.Spread.ZONES_AND_NODES).build()
 * }</pre>
 */
@Value.Immutable
@SpecStyle
public abstract class Scheduling {

  /** Topology spread presets. {@code DEFAULT} lets the active {@code Defaults} profile decide. */
  public enum Spread { DEFAULT, NONE, ZONES, NODES, ZONES_AND_NODES }

  /** Pod anti-affinity presets over {@code kubernetes.io/hostname}. */
  public enum AntiAffinity { NONE, PREFERRED, REQUIRED }

  public abstract Map<String, String> nodeSelector();

  public abstract List<TolerationSpec> tolerations();

  @Value.Default
  public Spread spread() {
    return Spread.DEFAULT;
  }

  @Value.Default
  public AntiAffinity antiAffinity() {
    return AntiAffinity.NONE;
  }

  public abstract Optional<String> priorityClass();

  public static ImmutableScheduling.Builder builder() {
    return ImmutableScheduling.builder();
  }

  /** No constraints beyond what the defaults profile adds. */
  public static ImmutableScheduling none() {
    return ImmutableScheduling.builder().build();
  }
}
