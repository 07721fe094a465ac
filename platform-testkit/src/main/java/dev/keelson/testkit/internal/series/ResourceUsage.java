package dev.keelson.testkit.internal.series;

import dev.keelson.testkit.internal.series.ScriptedSeries.Property;
import dev.keelson.testkit.internal.series.Timeline.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What metrics-server knows of a pod's CPU and memory, from the same scripted per-pod series the simulated Prometheus
 * serves as {@code container_cpu_usage_seconds_total} and {@code container_memory_working_set_bytes}.
 *
 * <p>metrics-server scrapes every kubelet once per {@link #RESOLUTION} (its {@code --metric-resolution}); here the
 * scrapes fall on multiples of it on the virtual clock. A container's CPU is the growth of its cumulative CPU counter
 * between the last two scrapes divided by the time between them (the {@code window}), its memory the working set at
 * the last scrape, and the {@code timestamp} that last scrape. A pod has no usage until it was scraped twice since its
 * first container started, or, for a container that had run 10 s or more (but less than one resolution) at its first
 * scrape, since that start. A pod the test scripts neither CPU nor memory for was never measured: it has no usage at
 * all, as a pod metrics-server has not scraped yet; once either is scripted the other counts as 0 until scripted.
 */
public final class ResourceUsage {

  /** metrics-server's default {@code --metric-resolution}. */
  public static final Duration RESOLUTION = Duration.ofSeconds(15);
  /** metrics-server's {@code freshContainerMinMetricsResolution}: a younger container's first rate is too noisy. */
  private static final long FRESH_CONTAINER_MIN_MILLIS = 10_000;

  /**
   * One container's usage.
   *
   * @param nanoCores CPU in billionths of a core, averaged over the window
   * @param bytes working-set memory at the timestamp
   */
  public record ContainerUsage(String name, long nanoCores, long bytes) {
  }

  /** A pod's usage as metrics-server serves it: per container, at {@code timestamp}, over {@code window}. */
  public record PodUsage(Instant timestamp, Duration window, List<ContainerUsage> containers) {
  }

  private final ScriptedSeries scripts;
  private final PodTracker pods;

  public ResourceUsage(ScriptedSeries scripts, PodTracker pods) {
    this.scripts = scripts;
    this.pods = pods;
  }

  /** The last scrape at or before {@code nowMillis}, on metrics-server's grid. */
  public static long lastScrape(long nowMillis) {
    return Math.floorDiv(nowMillis, RESOLUTION.toMillis()) * RESOLUTION.toMillis();
  }

  /** The usage of the pod with this uid at {@code nowMillis}, or empty while metrics-server has none for it. */
  public Optional<PodUsage> of(String uid, long nowMillis) {
    TrackedPod pod = pods.pod(uid);
    long last = lastScrape(nowMillis);
    if (pod == null || pod.started() < 0 || pod.ended() <= last) {
      return Optional.empty();
    }
    List<List<Segment<Curve>>> cpu = new ArrayList<>();
    List<List<Segment<Curve>>> memory = new ArrayList<>();
    long scripted = Long.MAX_VALUE;
    for (TrackedPod.Container c : pod.containers()) {
      cpu.add(PodSeriesFactory.nonNegative(scripts.containerUsage(pod, c, Property.CPU_CORES)));
      memory.add(scripts.containerUsage(pod, c, Property.MEMORY_BYTES));
      scripted = Math.min(scripted, Math.min(firstFrom(cpu.get(cpu.size() - 1)), firstFrom(memory.get(
          memory.size() - 1))));
    }
    if (scripted == Long.MAX_VALUE) {
      return Optional.empty();
    }
    long origin = Math.max(pod.started(), scripted);
    long resolution = RESOLUTION.toMillis();
    long previous;
    if (last - resolution >= origin) {
      previous = last - resolution;
    } else if (origin == pod.started() && last - origin >= FRESH_CONTAINER_MIN_MILLIS && last - origin < resolution) {
      // metrics-server takes a young container's start as its previous point, with a cumulative CPU of 0.
      previous = origin;
    } else {
      return Optional.empty();
    }
    double windowSeconds = (last - previous) / 1000.0;
    List<ContainerUsage> out = new ArrayList<>();
    for (int i = 0; i < pod.containers().size(); i++) {
      double cores = Pieces.integrate(cpu.get(i), previous, last) / windowSeconds;
      Segment<Curve> bytes = Timeline.at(memory.get(i), last);
      // metrics-server truncates a rate of whole nanocores; rounding spares scripted values binary-fraction noise.
      out.add(new ContainerUsage(pod.containers().get(i).name(), Math.round(cores * 1e9),
          bytes == null ? 0 : (long) Math.max(0, bytes.value().at(last))));
    }
    return Optional.of(new PodUsage(Instant.ofEpochMilli(last), Duration.ofMillis(last - previous), List.copyOf(out)));
  }

  private static long firstFrom(List<Segment<Curve>> curve) {
    return curve.isEmpty() ? Long.MAX_VALUE : curve.get(0).from();
  }
}
