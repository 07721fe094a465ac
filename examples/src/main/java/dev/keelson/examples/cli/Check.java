package dev.keelson.examples.cli;

import dev.keelson.core.render.Manifests;
import dev.keelson.governance.policy.BestPractices;
import dev.keelson.governance.policy.Finding;
import dev.keelson.governance.policy.ObjectVerdict;
import dev.keelson.governance.policy.PodSecurityRule;
import dev.keelson.governance.policy.PolicyEngine;
import dev.keelson.governance.policy.PolicyResult;
import dev.keelson.governance.policy.PolicyRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code keelson check [--pss=LEVEL[:VERSION]] [--rules=IDS] PATH...}: reads YAML files and directories
 * (multi-document), judges every object among all of them with Pod Security (default {@code restricted:latest}) and
 * the best practices, and prints one JSON line per object. Exit 0: all allowed; 1: any denied; 2: bad usage or input.
 */
final class Check {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PrintStream out;
  private final PrintStream err;

  Check(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) {
    String pss = "restricted:latest";
    Set<String> only = null;
    List<Path> paths = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--pss=")) {
        pss = arg.substring("--pss=".length());
      } else if (arg.startsWith("--rules=")) {
        only = Set.of(arg.substring("--rules=".length()).split(","));
      } else if (arg.startsWith("--")) {
        return usage("unknown option \"" + arg + "\"");
      } else {
        paths.add(Path.of(arg));
      }
    }
    if (paths.isEmpty()) {
      return usage("no PATH given");
    }
    List<PolicyRule> rules = new ArrayList<>();
    try {
      String[] lv = pss.split(":", 2);
      rules.add(PodSecurityRule.of(lv[0], lv.length > 1 ? lv[1] : "latest"));
    } catch (IllegalArgumentException e) {
      return usage("--pss=" + pss + ": " + e.getMessage());
    }
    rules.addAll(BestPractices.all());
    if (only != null) {
      Set<String> known = new java.util.TreeSet<>(rules.stream().map(PolicyRule::id).toList());
      for (String id : only) {
        if (!known.contains(id)) {
          return usage("--rules: unknown rule \"" + id + "\"; known: " + String.join(",", known));
        }
      }
      Set<String> selected = only;
      rules.removeIf(r -> !selected.contains(r.id()));
    }
    Map<HasMetadata, Path> origin = new LinkedHashMap<>();
    for (Path file : files(paths)) {
      String yaml;
      try {
        yaml = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        err.println("keelson check: " + file + ": cannot read: " + reason(e));
        return 2;
      }
      try {
        for (HasMetadata o : Manifests.fromYaml(yaml)) {
          origin.put(o, file);
        }
      } catch (RuntimeException e) {
        err.println("keelson check: " + file + ": invalid input: " + reason(e));
        return 2;
      }
    }
    PolicyResult result = PolicyEngine.builder().rules(rules).build().evaluate(List.copyOf(origin.keySet()));
    for (ObjectVerdict v : result.verdicts()) {
      out.println(line(origin.get(v.object()), v));
    }
    return result.allowed() ? 0 : 1;
  }

  private List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
              .sorted().forEach(files::add);
        } catch (IOException e) {
          files.add(p);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static String line(Path file, ObjectVerdict v) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", file.toString());
    line.put("kind", v.object().getKind());
    line.put("namespace", v.object().getMetadata() == null ? null : v.object().getMetadata().getNamespace());
    line.put("name", v.object().getMetadata() == null ? null : v.object().getMetadata().getName());
    line.put("allowed", v.allowed());
    List<Map<String, Object>> violations = new ArrayList<>();
    for (Finding f : v.findings()) {
      Map<String, Object> violation = new LinkedHashMap<>();
      violation.put("rule", f.rule());
      violation.put("message", f.message());
      violation.put("path", f.path());
      violations.add(violation);
    }
    line.put("violations", violations);
    return JSON.writeValueAsString(line);
  }

  private int usage(String problem) {
    err.println("keelson check: " + problem);
    err.println("usage: keelson check [--pss=LEVEL[:VERSION]] [--rules=IDS] PATH...");
    return 2;
  }
}
