package dev.keelson.testkit.internal.api;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** An API error with the {@code Status} the server answers: code, reason, message and details. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One entry of {@code details.causes}. */
  public record Cause(String reason, String message, String field) {
  }

  private final int code;
  private final String reason;
  private final String kind;
  private final String name;
  private final transient List<Cause> causes;
  private final Integer retryAfterSeconds;

  public ApiException(int code, String reason, String message, String kind, String name, List<Cause> causes,
      Integer retryAfterSeconds) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.kind = kind;
    this.name = name;
    this.causes = List.copyOf(causes);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiException notFound(ResourceType type, String name) {
    return new ApiException(404, "NotFound", type.groupResource() + " \"" + name + "\" not found", type.plural(),
        name, List.of(), null);
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(409, "AlreadyExists", type.groupResource() + " \"" + name + "\" already exists",
        type.plural(), name, List.of(), null);
  }

  public static ApiException conflict(ResourceType type, String name, String why) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.groupResource() + " \""
        + name + "\": " + why, type.plural(), name, List.of(), null);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, List.of(), null);
  }

  public static ApiException invalid(ResourceType type, String name, String message, List<Cause> causes) {
    return new ApiException(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + message, type.kind(),
        name, causes, null);
  }

  public static ApiException forbidden(ResourceType type, String name, String inner) {
    return new ApiException(403, "Forbidden", type.groupResource() + " \"" + name + "\" is forbidden: " + inner,
        type.plural(), name, List.of(), null);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  /** The {@code Status} object of this error. */
  public ObjectNode toStatus() {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.set("metadata", Json.object());
    status.put("status", "Failure");
    status.put("message", getMessage());
    if (reason != null) {
      status.put("reason", reason);
    }
    if (kind != null || name != null || !causes.isEmpty() || retryAfterSeconds != null) {
      ObjectNode details = status.putObject("details");
      if (name != null) {
        details.put("name", name);
      }
      if (kind != null) {
        details.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        ArrayNode list = details.putArray("causes");
        for (Cause c : causes) {
          ObjectNode cause = list.addObject();
          if (c.reason() != null) {
            cause.put("reason", c.reason());
          }
          cause.put("message", c.message());
          if (c.field() != null) {
            cause.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds != null) {
        details.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    status.put("code", code);
    return status;
  }
}
