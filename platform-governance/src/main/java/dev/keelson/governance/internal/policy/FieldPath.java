package dev.keelson.governance.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/**
 * A parsed field path like {@code spec.template.spec.containers[*].image} or {@code metadata.labels['app.kubernetes.io/name']}:
 * names, {@code [*]} (every element), {@code [N]} (one element) and {@code ['key']} (a key with dots).
 */
public final class FieldPath {

  private sealed interface Step permits Name, Each, Index {
  }

  private record Name(String name) implements Step {
  }

  private record Each() implements Step {
  }

  private record Index(int index) implements Step {
  }

  private final String text;
  private final List<Step> steps;

  private FieldPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException naming the path and position when it does not parse
   */
  public static FieldPath parse(String text) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("path " + text + ": unclosed [ at " + i);
        }
        String inner = text.substring(i + 1, close);
        if (inner.equals("*")) {
          steps.add(new Each());
        } else if (inner.startsWith("'") && inner.endsWith("'") && inner.length() >= 2) {
          steps.add(new Name(inner.substring(1, inner.length() - 1)));
        } else if (inner.matches("[0-9]+")) {
          steps.add(new Index(Integer.parseInt(inner)));
        } else {
          throw new IllegalArgumentException("path " + text + ": [" + inner + "] is not [*], [N] or ['key']");
        }
        i = close + 1;
      } else {
        int end = i;
        while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
          end++;
        }
        steps.add(new Name(text.substring(i, end)));
        i = end;
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("path: empty");
    }
    return new FieldPath(text, List.copyOf(steps));
  }

  /**
   * Calls {@code visitor} with the concrete path and node (null when missing) of every field the path reaches. A
   * {@code [*]} over a missing or empty list reaches nothing.
   */
  public void visit(JsonNode root, BiConsumer<String, JsonNode> visitor) {
    walk(root, 0, new StringBuilder(), visitor);
  }

  private void walk(JsonNode node, int step, StringBuilder at, BiConsumer<String, JsonNode> visitor) {
    if (step == steps.size()) {
      visitor.accept(at.toString(), node);
      return;
    }
    int mark = at.length();
    Step s = steps.get(step);
    if (s instanceof Name n) {
      if (at.length() > 0) {
        at.append('.');
      }
      at.append(n.name().contains(".") ? "['" + n.name() + "']" : n.name());
      walk(node == null ? null : node.get(n.name()), step + 1, at, visitor);
    } else if (s instanceof Index ix) {
      at.append('[').append(ix.index()).append(']');
      walk(node == null || !node.isArray() ? null : node.get(ix.index()), step + 1, at, visitor);
    } else if (node != null && node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode element = node.get(i);
        JsonNode name = element.get("name");
        at.append('[').append(name != null && name.isString() ? name.asString() : Integer.toString(i)).append(']');
        walk(element, step + 1, at, visitor);
        at.setLength(mark);
      }
    }
    at.setLength(mark);
  }

  @Override
  public String toString() {
    return text;
  }
}
