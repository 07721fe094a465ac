package dev.keelson.benchmarks;

import dev.keelson.core.render.Manifests;
import dev.keelson.core.render.Renderer;
import dev.keelson.examples.SampleApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering the sample app to YAML with Keelson against writing the same objects by hand with fabric8 builders.
 *
 * <p>{@link #keelson()} and {@link #handWritten()} are the headline figures: a whole program's work, from nothing
 * to the YAML string, through the same serializer ({@link Manifests#toYaml(List)}). The Keelson side builds and
 * validates the spec ({@code SampleApp.app()}), creates the renderer and renders, because a user's program does
 * all of that. {@link #keelsonObjects()} and {@link #handWrittenObjects()} leave the YAML out, to show the cost of
 * building the objects alone.
 *
 * <p>The mode is {@link Mode#SampleTime}: every call is timed, and {@link Benchmarks} reports the median. On a
 * shared machine, where other processes take the CPU away for milliseconds at a time, the median of calls this
 * short stays close to the undisturbed time, while the mean of {@link Mode#AverageTime} swings with the load. Pass
 * {@code -bm avgt} to get means instead.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

  /** Spec built and validated, rendered with the golden path, serialized. */
  @Benchmark
  public String keelson() {
    return Manifests.toYaml(Renderer.goldenPath().render(SampleApp.app()));
  }

  /** The same objects from hand-written fabric8 builders, serialized the same way. */
  @Benchmark
  public String handWritten() {
    return Manifests.toYaml(HandWrittenSampleApp.objects());
  }

  /** {@link #keelson()} without the YAML: spec, validation and render only. */
  @Benchmark
  public List<HasMetadata> keelsonObjects() {
    return Renderer.goldenPath().render(SampleApp.app());
  }

  /** {@link #handWritten()} without the YAML: the builders only. */
  @Benchmark
  public List<HasMetadata> handWrittenObjects() {
    return HandWrittenSampleApp.objects();
  }
}
