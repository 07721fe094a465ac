package dev.keelson.benchmarks;

import dev.keelson.core.render.Manifests;
import dev.keelson.core.render.Renderer;
import dev.keelson.examples.SampleApp;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Prints Keelson's performance figures: the time to render the sample app to YAML, against the hand-written
 * fabric8 floor, and their ratio.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [JMH options, e.g. -prof stack or -f 2]
 * java -jar benchmarks/target/benchmarks.jar ClusterBenchmark      # the simulated cluster at scale
 * java -jar benchmarks/target/benchmarks.jar PolicyBenchmark       # pod templates judged per second
 * </pre>
 *
 * <p>Before measuring, it checks that both sides produce equal objects and byte-identical YAML, and exits with
 * status 2 when they do not: a comparison of different outputs would mean nothing.
 */
public final class Benchmarks {

  /** The most the Keelson render may cost, as a multiple of the hand-written floor. */
  static final double GOAL = 1.30;

  private Benchmarks() {
  }

  public static void main(String[] args) throws RunnerException {
    String unfair = fairnessProblem();
    if (unfair != null) {
      System.err.println("benchmarks: Keelson and the hand-written sample app differ, so the figures would mean"
          + " nothing.\n" + unfair);
      System.exit(2);
    }
    System.out.println("fairness check: Keelson and hand-written produce equal objects and identical YAML");

    CommandLineOptions given;
    try {
      given = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      System.err.println("benchmarks: " + e.getMessage());
      System.exit(1);
      return;
    }
    OptionsBuilder options = new OptionsBuilder();
    options.parent(given);
    if (given.getIncludes().isEmpty()) {
      options.include(Pattern.quote(RenderBenchmark.class.getName()) + "\\.");
    }
    Collection<RunResult> results = new Runner(options.build()).run();

    Map<String, RunResult> byName = new HashMap<>();
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark();
      byName.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), r);
    }
    System.out.println();
    String headline = line("render sample app", byName.get("keelson"), byName.get("handWritten"), true);
    String objects = line("objects only, no YAML", byName.get("keelsonObjects"), byName.get("handWrittenObjects"),
        false);
    if (headline != null) {
      System.out.println(headline);
    }
    if (objects != null) {
      System.out.println(objects);
    }
    if (headline != null || objects != null) {
      RunResult any = byName.getOrDefault("keelson", byName.get("keelsonObjects"));
      System.out.println("(figures: " + statistic(any.getParams().getMode()) + ")");
    }
    RunResult policy = byName.get("restrictedAndBestPractices");
    if (policy != null) {
      double perSecond = policy.getPrimaryResult().getScore();
      System.out.println(String.format(Locale.ROOT, "policy: Pod Security restricted + best practices over pod "
          + "templates: %,.0f templates/s single-threaded (goal >= 100,000: %s)", perSecond,
          perSecond >= 100_000 ? "met" : "MISSED"));
    }
    RunResult cluster = byName.get("createAndRollOut");
    if (cluster != null) {
      double ms = cluster.getPrimaryResult().getScore();
      System.out.println(String.format(Locale.ROOT,
          "simulated cluster: %s Deployments x 3 replicas created and rolled out to Available in %.2f s wall "
              + "(mean of %d runs; goal < 10 s: %s)", cluster.getParams().getParam("deployments"), ms / 1000,
          cluster.getPrimaryResult().getStatistics().getN(), ms < 10_000 ? "met" : "MISSED"));
    }
  }

  /** One line of figures, or null when either side was not run. */
  private static String line(String what, RunResult keelson, RunResult handWritten, boolean withGoal) {
    if (keelson == null || handWritten == null) {
      return null;
    }
    double k = figure(keelson);
    double h = figure(handWritten);
    // Ratio of times: for throughput modes the scores are operations per time, so the ratio turns over.
    Mode mode = keelson.getParams().getMode();
    double ratio = mode == Mode.Throughput ? h / k : k / h;
    String unit = keelson.getPrimaryResult().getScoreUnit();
    String goal = withGoal
        ? String.format(Locale.ROOT, " (goal <= %.2f: %s)", GOAL, ratio <= GOAL ? "met" : "MISSED") : "";
    return String.format(Locale.ROOT, "%s: keelson %.1f %s, hand-written %.1f %s, ratio %.2f%s", what, k, unit, h,
        unit, ratio, goal);
  }

  /** The median call for {@link Mode#SampleTime}, else JMH's score (the mean, or operations per time). */
  private static double figure(RunResult r) {
    if (r.getParams().getMode() == Mode.SampleTime) {
      return r.getPrimaryResult().getStatistics().getPercentile(50);
    }
    return r.getPrimaryResult().getScore();
  }

  private static String statistic(Mode mode) {
    return switch (mode) {
      case SampleTime -> "median time per call (JMH SampleTime)";
      case AverageTime -> "mean time per call (JMH AverageTime)";
      case Throughput -> "calls per unit of time (JMH Throughput); the ratio is still keelson time / hand-written time";
      default -> "JMH " + mode + " score";
    };
  }

  /** Null when both sides produce equal objects and YAML, else what differs. */
  static String fairnessProblem() {
    List<HasMetadata> keelson = Renderer.goldenPath().render(SampleApp.app());
    List<HasMetadata> handWritten = HandWrittenSampleApp.objects();
    StringBuilder problems = new StringBuilder();
    if (keelson.size() != handWritten.size()) {
      problems.append("  object count: keelson ").append(kinds(keelson)).append(", hand-written ")
          .append(kinds(handWritten)).append('\n');
    } else {
      for (int i = 0; i < keelson.size(); i++) {
        if (!keelson.get(i).equals(handWritten.get(i))) {
          problems.append("  object ").append(i).append(" (").append(keelson.get(i).getKind())
              .append(") is not equal: ");
          diff(keelson.get(i), handWritten.get(i), "", problems);
          problems.append('\n');
        }
      }
    }
    String a = Manifests.toYaml(keelson);
    String b = Manifests.toYaml(handWritten);
    if (!a.equals(b)) {
      String[] la = a.split("\n", -1);
      String[] lb = b.split("\n", -1);
      int i = 0;
      while (i < la.length && i < lb.length && la[i].equals(lb[i])) {
        i++;
      }
      problems.append("  YAML differs first at line ").append(i + 1).append(": keelson \"")
          .append(i < la.length ? la[i] : "<end>").append("\", hand-written \"")
          .append(i < lb.length ? lb[i] : "<end>").append("\"\n");
    }
    return problems.length() == 0 ? null : problems.toString();
  }

  private static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  /** Appends the paths where two fabric8 model values differ (fields compared reflectively). */
  private static void diff(Object a, Object b, String path, StringBuilder out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      out.append(path.isEmpty() ? "." : path).append(": keelson ").append(describe(a)).append(", hand-written ")
          .append(describe(b)).append("; ");
      return;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        out.append(path).append(": keelson ").append(la.size()).append(" items, hand-written ").append(lb.size())
            .append("; ");
        return;
      }
      for (int i = 0; i < la.size(); i++) {
        diff(la.get(i), lb.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      TreeSet<String> keys = new TreeSet<>();
      ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
      mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) {
        diff(ma.get(k), mb.get(k), path + "{" + k + "}", out);
      }
      return;
    }
    if (!a.getClass().getName().startsWith("io.fabric8.")) {
      out.append(path).append(": keelson ").append(describe(a)).append(", hand-written ").append(describe(b))
          .append("; ");
      return;
    }
    for (Class<?> c = a.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        try {
          f.setAccessible(true);
          diff(f.get(a), f.get(b), path + "." + f.getName(), out);
        } catch (ReflectiveOperationException | RuntimeException e) {
          out.append(path).append('.').append(f.getName()).append(": not comparable (").append(e).append("); ");
        }
      }
    }
  }

  private static String describe(Object o) {
    if (o == null) {
      return "null";
    }
    return o.getClass().getSimpleName() + " " + o;
  }
}
