package dev.keelson.governance.policy;

import dev.keelson.governance.internal.policy.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A declarative rule on one field path: the field must exist, equal a value, be one of some values, or match a
 * pattern. {@code [*]} in the path visits every list element; {@code ['key']} names a map key with dots.
 *
 * <pre>{@code
 * PolicyRule priority = FieldRule.require("spec.template.spec.priorityClassName")
 *     .id("priority-class").severity(Severity.LOW).kinds("Deployment", "StatefulSet")
 *     .message("workloads set a priority class").build();
 * PolicyRule pullPolicy = FieldRule.path("spec.template.spec.containers[*].imagePullPolicy")
 *     .in("IfNotPresent", "Never").id("pull-policy").build();
 * }</pre>
 */
public final class FieldRule implements PolicyRule {

  private final String id;
  private final Severity severity;
  private final String description;
  private final String remediation;
  private final Set<String> kinds;
  private final FieldPath path;
  private final String condition;
  private final Predicate<JsonNode> test;

  private FieldRule(Builder b) {
    this.id = b.id;
    this.severity = b.severity;
    this.description = b.message;
    this.remediation = b.remediation != null ? b.remediation : "set " + b.path + " " + b.condition;
    this.kinds = Set.copyOf(b.kinds);
    this.path = FieldPath.parse(b.path);
    this.condition = b.condition;
    this.test = b.test;
  }

  /** A rule that the field at {@code path} exists (and is not null). */
  public static Builder require(String path) {
    return path(path).exists();
  }

  /** A rule on the field at {@code path}; choose the condition next. */
  public static Builder path(String path) {
    return new Builder(path);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String remediation() {
    return remediation;
  }

  @Override
  public List<Finding> evaluate(PolicyInput input) {
    if (!kinds.isEmpty() && !kinds.contains(input.object().getKind())) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>(0);
    path.visit(input.json(), (at, node) -> {
      if (!test.test(node)) {
        out.add(finding(at, description + ": " + at + " " + (node == null || node.isNull() ? "is not set"
            : "is " + node) + ", must " + condition));
      }
    });
    return out;
  }

  /** Builds a {@link FieldRule}. */
  public static final class Builder {
    private final String path;
    private String id;
    private Severity severity = Severity.MEDIUM;
    private String message;
    private String remediation;
    private final List<String> kinds = new ArrayList<>();
    private String condition;
    private Predicate<JsonNode> test;

    private Builder(String path) {
      this.path = Objects.requireNonNull(path, "path");
      FieldPath.parse(path);
    }

    public Builder exists() {
      return condition("be set", n -> n != null && !n.isNull());
    }

    public Builder equalTo(String value) {
      return condition("be \"" + value + "\"", n -> n != null && n.isValueNode() && value.equals(n.asString()));
    }

    public Builder in(String... values) {
      Set<String> allowed = Set.of(values);
      return condition("be one of " + List.of(values), n -> n != null && n.isValueNode()
          && allowed.contains(n.asString()));
    }

    public Builder matches(String regex) {
      Pattern p = Pattern.compile(regex);
      return condition("match /" + regex + "/", n -> n != null && n.isValueNode() && p.matcher(n.asString()).matches());
    }

    private Builder condition(String text, Predicate<JsonNode> test) {
      this.condition = text;
      this.test = test;
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** The doc line, also the start of each finding's message. */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    public Builder remediation(String remediation) {
      this.remediation = remediation;
      return this;
    }

    /** Only objects of these kinds; default every kind. */
    public Builder kinds(String... kinds) {
      this.kinds.addAll(List.of(kinds));
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field when the ID or the condition is missing
     */
    public FieldRule build() {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("id: a field rule on " + path + " needs an ID");
      }
      if (test == null) {
        throw new IllegalArgumentException("condition: field rule \"" + id + "\" needs exists, equalTo, in or matches");
      }
      if (message == null) {
        message = path + " must " + condition;
      }
      return new FieldRule(this);
    }
  }
}
