package dev.keelson.core.internal.plan;

import dev.keelson.core.internal.events.EventJson;
import dev.keelson.core.plan.Change;
import dev.keelson.core.plan.FieldChange;
import dev.keelson.core.plan.Plan;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders plans for people (diff lines) and for tools (JSON), secret values masked in both. */
public final class PlanText {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanText() {
  }

  public static String diff(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("# plan ").append(plan.correlationId()).append(": ").append(plan.summary()).append('\n');
    for (Change change : plan.changes()) {
      switch (change.action()) {
        case CREATE -> {
          header(out, '+', change);
          JsonNode object = Secrets.masked(SERIALIZATION.convertValue(change.desired().orElseThrow(),
              JsonNode.class));
          String yaml = SERIALIZATION.asYaml(object);
          for (String line : yaml.split("\n")) {
            if (!line.equals("---")) {
              out.append("+   ").append(line).append('\n');
            }
          }
        }
        case UPDATE -> {
          header(out, '~', change);
          for (FieldChange field : change.fields()) {
            switch (field.kind()) {
              case ADDED -> out.append("+   ").append(field.path()).append(": ").append(field.after()).append('\n');
              case REMOVED -> out.append("-   ").append(field.path()).append(": ").append(field.before())
                  .append('\n');
              case CHANGED -> out.append("-   ").append(field.path()).append(": ").append(field.before())
                  .append('\n').append("+   ").append(field.path()).append(": ").append(field.after()).append('\n');
              case OWNED -> out.append("    ").append(field.path()).append(": ").append(field.after())
                  .append("  # take ownership\n");
            }
          }
        }
        case DELETE -> header(out, '-', change);
        case NO_OP -> {
          // unchanged objects are counted in the summary line only
        }
      }
    }
    return out.toString();
  }

  private static void header(StringBuilder out, char sign, Change change) {
    out.append(sign).append(' ').append(change.ref()).append(" (").append(change.action().name()
        .toLowerCase(java.util.Locale.ROOT)).append(change.reason().isEmpty() ? "" : ": " + change.reason())
        .append(")\n");
  }

  public static String json(Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("correlationId", plan.correlationId());
    root.put("fieldManager", plan.fieldManager());
    plan.applySet().ifPresent(s -> root.putObject("applySet").put("name", s.name()).put("namespace",
        s.namespace()).put("id", s.id()));
    ObjectNode summary = root.putObject("summary");
    summary.put("create", plan.creates().size());
    summary.put("update", plan.updates().size());
    summary.put("delete", plan.deletes().size());
    summary.put("unchanged", plan.unchanged().size());
    ArrayNode changes = root.putArray("changes");
    for (Change change : plan.changes()) {
      ObjectNode c = changes.addObject();
      c.put("action", change.action().name().toLowerCase(java.util.Locale.ROOT));
      EventJson.ref(c, change.ref());
      c.put("reason", change.reason());
      if (!change.fields().isEmpty()) {
        ArrayNode fields = c.putArray("fields");
        for (FieldChange f : change.fields()) {
          ObjectNode field = fields.addObject();
          field.put("path", f.path());
          field.put("kind", f.kind().name().toLowerCase(java.util.Locale.ROOT));
          if (!f.before().isEmpty()) {
            field.put("before", f.before());
          }
          if (!f.after().isEmpty()) {
            field.put("after", f.after());
          }
        }
      }
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
