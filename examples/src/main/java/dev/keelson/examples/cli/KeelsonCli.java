package dev.keelson.examples.cli;

import dev.keelson.core.Keelson;
import dev.keelson.core.app.AppSpec;
import dev.keelson.core.app.EnvironmentOverlay;
import dev.keelson.core.render.Manifests;
import dev.keelson.core.spec.SpecException;
import dev.keelson.examples.SampleApp;
import dev.keelson.examples.Tour;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code keelson} command-line tool.
 *
 * <pre>
 * java -jar examples/target/keelson.jar tour                   # spec → plan → apply → events, simulated cluster
 * java -jar examples/target/keelson.jar render                 # the sample app, golden-path YAML
 * java -jar examples/target/keelson.jar render --env=prod      # with the prod overlay
 * java -jar examples/target/keelson.jar render --json
 * java -jar examples/target/keelson.jar check --pss=restricted:v1.29 k8s/   # policy gate: one JSON line per object
 * </pre>
 */
public final class KeelsonCli {

  private static final String USAGE = """
      usage: keelson <command> [options]

      commands:
        tour                           the sample app through plan, apply, release and prune
                                       on an embedded simulated cluster
        render [--env=NAME] [--json]   render the sample app with golden-path defaults
                                       (environments: staging, prod)
        check [--pss=LEVEL[:VERSION]] [--rules=IDS] PATH...
                                       check YAML files and directories against Pod
                                       Security (default restricted:latest) and the
                                       best practices; one JSON line per object;
                                       exit 0 all allowed, 1 any denied, 2 bad input
        help                           this text
      """;

  private final PrintStream out;
  private final PrintStream err;

  public KeelsonCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new KeelsonCli(System.out, System.err).run(args));
  }

  /** Runs one command; returns the process exit code (0 ok, 1 denied by check, 2 bad usage or input). */
  public int run(String... args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> options = Arrays.asList(args).subList(1, args.length);
    return switch (args[0]) {
      case "render" -> render(options);
      case "tour" -> tour(options);
      case "check" -> new Check(out, err).run(options);
      default -> {
        err.println("keelson: unknown command \"" + args[0] + "\"");
        err.print(USAGE);
        yield 2;
      }
    };
  }

  private int tour(List<String> options) {
    if (!options.isEmpty()) {
      err.println("keelson tour: takes no options, got " + options);
      return 2;
    }
    try {
      return new Tour(out).run();
    } catch (Exception e) {
      err.println("keelson tour: " + e.getMessage());
      return 1;
    }
  }

  private int render(List<String> options) {
    boolean json = false;
    Optional<String> env = Optional.empty();
    for (String option : options) {
      if (option.equals("--json")) {
        json = true;
      } else if (option.startsWith("--env=")) {
        env = Optional.of(option.substring("--env=".length()));
      } else {
        err.println("keelson render: unknown option \"" + option + "\"");
        return 2;
      }
    }
    AppSpec app = SampleApp.app();
    if (env.isPresent()) {
      String name = env.get();
      Optional<EnvironmentOverlay> overlay = SampleApp.environments().stream()
          .filter(o -> o.environment().equals(name)).findFirst();
      if (overlay.isEmpty()) {
        err.println("keelson render: unknown environment \"" + name + "\"; known: "
            + SampleApp.environments().stream().map(EnvironmentOverlay::environment).toList());
        return 2;
      }
      app = app.forEnvironment(overlay.get());
    }
    try {
      List<HasMetadata> objects = Keelson.renderer().render(app);
      out.print(json ? Manifests.toJson(objects) + "\n" : Manifests.toYaml(objects));
      return 0;
    } catch (SpecException e) {
      err.println("keelson render: " + e.getMessage());
      return 2;
    }
  }
}
