package dev.keelson.core.internal.validate;

import dev.keelson.core.spec.SpecException;
import dev.keelson.core.spec.Violation;
import dev.keelson.core.validation.Names;
import dev.keelson.core.validation.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects violations while walking a spec tree. Each instance is positioned at a field path; {@link #at} and
 * {@link #item} descend, sharing one list of violations.
 */
public final class Checks {

  private static final Pattern INT_OR_PERCENT = Pattern.compile("(0|[1-9][0-9]{0,8})%?");

  private final String path;
  private final List<Violation> sink;

  private Checks(String path, List<Violation> sink) {
    this.path = path;
    this.sink = sink;
  }

  public static Checks root() {
    return new Checks("", new ArrayList<>());
  }

  public Checks at(String field) {
    return new Checks(path.isEmpty() ? field : path + "." + field, sink);
  }

  public Checks item(String field, Object key) {
    String base = field.isEmpty() ? path : (path.isEmpty() ? field : path + "." + field);
    return new Checks(base + "[" + key + "]", sink);
  }

  public String path() {
    return path;
  }

  public void fail(String rule, String message) {
    sink.add(new Violation(path.isEmpty() ? "(root)" : path, rule, message));
  }

  /** Records each problem of an upstream-style validator under one rule. */
  public void rule(String rule, String value, List<String> problems) {
    for (String problem : problems) {
      fail(rule, quote(value) + ": " + problem);
    }
  }

  /** False (and a violation) when the value is null. */
  public boolean required(Object value) {
    if (value == null) {
      fail("required", "is required");
      return false;
    }
    return true;
  }

  public void dnsLabel(String value) {
    if (required(value)) {
      rule("dns-1123-label", value, Names.dns1123Label(value));
    }
  }

  public void dnsSubdomain(String value) {
    if (required(value)) {
      rule("dns-1123-subdomain", value, Names.dns1123Subdomain(value));
    }
  }

  /** Service names are DNS-1035 labels: like a DNS-1123 label but starting with a letter. */
  public void dns1035Label(String value) {
    if (!required(value)) {
      return;
    }
    List<String> problems = new ArrayList<>(Names.dns1123Label(value));
    if (problems.isEmpty() && !Character.isLetter(value.charAt(0))) {
      problems.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
          + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used "
          + "for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    }
    rule("dns-1035-label", value, problems);
  }

  public void labels(Map<String, String> labels) {
    labels.forEach((key, value) -> {
      Checks entry = item("", key);
      entry.rule("label-key", key, Names.qualifiedName(key));
      entry.rule("label-value", value, Names.labelValue(value));
    });
  }

  public void annotations(Map<String, String> annotations) {
    annotations.keySet().forEach(key -> item("", key).rule("annotation-key", key, Names.qualifiedName(key)));
    rule("annotations-size", "annotations", Names.annotationsSize(annotations));
  }

  public void quantity(String value) {
    if (required(value)) {
      List<String> problems = Quantities.validate(value);
      if (!problems.isEmpty()) {
        fail("quantity", quote(value) + " is not a quantity: " + String.join("; ", problems));
      }
    }
  }

  public void quantity(Optional<String> value) {
    value.ifPresent(this::quantity);
  }

  /** An integer or a percentage, as for maxSurge, maxUnavailable, minAvailable. */
  public void intOrPercent(String value) {
    if (required(value) && !INT_OR_PERCENT.matcher(value).matches()) {
      fail("int-or-percent", quote(value) + " must be a non-negative integer or a percentage such as \"25%\"");
    }
  }

  public void atLeast(long value, long min) {
    if (value < min) {
      fail("minimum", "must be greater than or equal to " + min + ", got " + value);
    }
  }

  public void port(int port) {
    rule("port-range", Integer.toString(port), Names.portNumber(port));
  }

  public List<Violation> violations() {
    return List.copyOf(sink);
  }

  public void throwIfAny(String subject) {
    if (!sink.isEmpty()) {
      throw new SpecException(subject, sink);
    }
  }

  static String quote(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  static boolean isZero(String intOrPercent) {
    return intOrPercent != null && (intOrPercent.equals("0") || intOrPercent.equals("0%"));
  }
}
