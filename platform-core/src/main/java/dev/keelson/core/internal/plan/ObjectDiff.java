package dev.keelson.core.internal.plan;

import dev.keelson.core.plan.FieldChange;
import dev.keelson.core.validation.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a desired object with the live one the way server-side apply would judge it, without asking the server.
 *
 * <p>Two questions decide whether an apply would write: do the live values already equal every desired value
 * (fields the server or other managers set are ignored), and does the field manager's {@code Apply} entry in
 * {@code managedFields} own exactly the desired fields (a field it owns but no longer applies would be removed; a
 * desired field it does not own yet would be taken over). The manager's own {@code fieldsV1} also tells how each
 * list merges ({@code k:} keyed, {@code v:} set, leaf atomic), so the comparison follows the server's list semantics
 * for every list the manager applied before; for others it falls back to the common keys ({@code name},
 * {@code containerPort}, {@code port}, {@code mountPath}).
 */
public final class ObjectDiff {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> IGNORED = Set.of("apiVersion", "kind", "status", "metadata.name",
      "metadata.namespace", "metadata.resourceVersion", "metadata.uid", "metadata.generation",
      "metadata.creationTimestamp", "metadata.managedFields", "metadata.selfLink", "metadata.deletionTimestamp",
      "metadata.deletionGracePeriodSeconds");
  private static final List<String> QUANTITY_CONTEXTS = List.of(".resources.", "hard.", "limits.", "requests.",
      "sizeLimit", ".default.", ".defaultRequest.", ".max.", ".min.", "maxLimitRequestRatio.", ".capacity.");

  private final boolean secret;
  private final List<FieldChange> values = new ArrayList<>();
  private final Map<String, JsonNode> unowned = new LinkedHashMap<>();

  private ObjectDiff(boolean secret) {
    this.secret = secret;
  }

  /**
   * The fields an apply of {@code desired} by {@code manager} would change on {@code live}; empty when it would
   * write nothing.
   */
  public static List<FieldChange> compare(JsonNode desired, JsonNode live, String manager) {
    ObjectDiff diff = new ObjectDiff(Secrets.isSecret(desired));
    JsonNode owned = ownedFields(live, manager);
    diff.value("", desired, live, owned);
    List<FieldChange> changes = new ArrayList<>(diff.values);
    if (owned == null) {
      if (changes.isEmpty()) {
        changes.add(new FieldChange("metadata.managedFields", FieldChange.Kind.OWNED, "", "\"" + manager + "\""));
      }
      return changes;
    }
    diff.ownership("", owned, desired, live, changes);
    diff.unowned.forEach((path, value) -> {
      if (changes.stream().noneMatch(c -> c.path().equals(path) || path.startsWith(c.path() + ".")
          || path.startsWith(c.path() + "["))) {
        changes.add(new FieldChange(path, FieldChange.Kind.OWNED, "", diff.render(path, value)));
      }
    });
    return changes;
  }

  /** The {@code fieldsV1} of the manager's {@code Apply} entry on the main resource, or null. */
  static JsonNode ownedFields(JsonNode live, String manager) {
    for (JsonNode entry : live.path("metadata").path("managedFields")) {
      if (manager.equals(entry.path("manager").asString("")) && "Apply".equals(entry.path("operation").asString(""))
          && entry.path("subresource").asString("").isEmpty()) {
        return entry.path("fieldsV1");
      }
    }
    return null;
  }

  private void value(String path, JsonNode d, JsonNode l, JsonNode t) {
    if (IGNORED.contains(path) || d == null || d.isNull()) {
      return;
    }
    if (l == null || l.isMissingNode() || l.isNull()) {
      values.add(new FieldChange(path, FieldChange.Kind.ADDED, "", render(path, d)));
      return;
    }
    if (d.isObject()) {
      if (!l.isObject()) {
        changed(path, l, d);
        return;
      }
      for (Map.Entry<String, JsonNode> field : d.properties()) {
        value(join(path, field.getKey()), field.getValue(), l.get(field.getKey()), child(t, "f:" + field.getKey()));
      }
    } else if (d.isArray()) {
      if (!l.isArray()) {
        changed(path, l, d);
        return;
      }
      list(path, d, l, t);
    } else if (!scalarEquals(path, d, l)) {
      changed(path, l, d);
    }
  }

  private void list(String path, JsonNode d, JsonNode l, JsonNode t) {
    ListKind kind = ListKind.of(path, d, t);
    if (kind.isSet()) {
      for (JsonNode item : d) {
        if (!contains(l, item)) {
          changed(path, l, d);
          return;
        }
      }
    } else if (kind.keys().isEmpty()) {
      if (d.size() != l.size()) {
        changed(path, l, d);
        return;
      }
      int before = values.size();
      for (int i = 0; i < d.size(); i++) {
        value(path + "[" + i + "]", d.get(i), l.get(i), null);
      }
      if (values.size() > before) {
        values.subList(before, values.size()).clear();
        changed(path, l, d);
      }
    } else {
      for (JsonNode item : d) {
        String itemPath = path + "[" + kind.label(item) + "]";
        JsonNode match = kind.find(l, item);
        if (match == null) {
          values.add(new FieldChange(itemPath, FieldChange.Kind.ADDED, "", render(itemPath, item)));
        } else {
          value(itemPath, item, match, kind.ownedItem(t, item));
        }
      }
    }
  }

  /** Walks what the manager owns: owned fields no longer desired are removals; desired fields not owned are noted. */
  private void ownership(String path, JsonNode t, JsonNode d, JsonNode l, List<FieldChange> out) {
    if (d == null || d.isNull() || d.isMissingNode()) {
      return;
    }
    if (d.isObject() && (!t.isEmpty() || path.isEmpty())) {
      for (Map.Entry<String, JsonNode> field : d.properties()) {
        String p = join(path, field.getKey());
        if (!t.has("f:" + field.getKey()) && ownable(p, field.getValue())) {
          unowned.put(p, field.getValue());
        }
      }
    }
    ListKind kind = d.isArray() ? ListKind.of(path, d, t) : null;
    if (kind != null && !kind.keys().isEmpty() && !t.isEmpty()) {
      for (JsonNode item : d) {
        if (kind.ownedItem(t, item) == null) {
          unowned.put(path + "[" + kind.label(item) + "]", item);
        }
      }
    }
    for (Map.Entry<String, JsonNode> owned : t.properties()) {
      String key = owned.getKey();
      if (key.startsWith("f:")) {
        String name = key.substring(2);
        String p = join(path, name);
        if (IGNORED.contains(p)) {
          continue;
        }
        JsonNode dv = d.isObject() ? d.get(name) : null;
        JsonNode lv = l == null ? null : l.get(name);
        if (dv == null || dv.isNull()) {
          out.add(new FieldChange(p, FieldChange.Kind.REMOVED, render(p, lv), ""));
        } else if (!owned.getValue().isEmpty()) {
          ownership(p, owned.getValue(), dv, lv, out);
        }
      } else if (key.startsWith("k:") && d.isArray()) {
        JsonNode itemKey = JSON.readTree(key.substring(2));
        JsonNode item = ListKind.findByKey(d, itemKey);
        JsonNode liveItem = l == null ? null : ListKind.findByKey(l, itemKey);
        String p = path + "[" + ListKind.keyLabel(itemKey) + "]";
        if (item == null) {
          out.add(new FieldChange(p, FieldChange.Kind.REMOVED, render(p, liveItem), ""));
        } else {
          ownership(p, owned.getValue(), item, liveItem, out);
        }
      } else if (key.startsWith("v:") && d.isArray()) {
        JsonNode v = JSON.readTree(key.substring(2));
        if (!contains(d, v)) {
          out.add(new FieldChange(path + "[" + v + "]", FieldChange.Kind.REMOVED, render(path, v), ""));
        }
      }
    }
  }

  /** True when applying the value would own a field: {@code metadata} with only a name and namespace would not. */
  private static boolean ownable(String path, JsonNode value) {
    if (IGNORED.contains(path) || value.isNull()) {
      return false;
    }
    if (!value.isObject() || value.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (ownable(join(path, field.getKey()), field.getValue())) {
        return true;
      }
    }
    return false;
  }

  private void changed(String path, JsonNode before, JsonNode after) {
    if (Secrets.isSecretPath(secret, path)) {
      values.add(new FieldChange(path, FieldChange.Kind.CHANGED, Secrets.MASK + " (before)",
          Secrets.MASK + " (after)"));
    } else {
      values.add(new FieldChange(path, FieldChange.Kind.CHANGED, render(path, before), render(path, after)));
    }
  }

  private String render(String path, JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "";
    }
    return Secrets.isSecretPath(secret, path) ? Secrets.MASK : JSON.writeValueAsString(value);
  }

  static boolean scalarEquals(String path, JsonNode d, JsonNode l) {
    if (d.isNumber() && l.isNumber()) {
      return d.decimalValue().compareTo(l.decimalValue()) == 0;
    }
    if (d.isString() && l.isString()) {
      String a = d.asString();
      String b = l.asString();
      if (a.equals(b)) {
        return true;
      }
      return isQuantityField(path) && Quantities.isValid(a) && Quantities.isValid(b)
          && Quantities.parse(a).compareTo(Quantities.parse(b)) == 0;
    }
    return d.equals(l);
  }

  private static boolean isQuantityField(String path) {
    String p = "." + path + ".";
    return QUANTITY_CONTEXTS.stream().anyMatch(p::contains);
  }

  static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode item : list) {
      if (item.equals(value) || (item.isValueNode() && value.isValueNode() && scalarEquals("", value, item))) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode child(JsonNode t, String key) {
    return t == null ? null : t.get(key);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
