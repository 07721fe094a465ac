package dev.keelson.testkit.internal.api;

import dev.keelson.testkit.internal.api.defaults.ApiDefaults;
import dev.keelson.testkit.internal.api.defaults.InvalidQuantityException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's decoding of a write, before admission: {@link ApiDefaults} on the object the write produced, and
 * the error a value that is not a quantity gets on each path, which real Kubernetes words differently for a body
 * (create, update), a patch and a server-side apply.
 */
final class Decoding {

  private Decoding() {
  }

  /**
   * Decodes the body of a create or update (POST, PUT). A value that is not a quantity fails the decoding with 400,
   * as {@code transformDecodeError} words it ({@code kubernetes/apiserver — pkg/endpoints/handlers/rest.go}).
   */
  static void body(ResourceType type, ObjectNode object) {
    try {
      ApiDefaults.apply(type.group(), type.version(), type.kind(), object);
    } catch (InvalidQuantityException e) {
      throw decodeError(type, e);
    }
  }

  /** {@link #body} for a PUT of the status subresource: only the status is the request's (and decoded). */
  static void bodyStatus(ResourceType type, ObjectNode object) {
    try {
      ApiDefaults.applyToStatus(type.group(), type.version(), type.kind(), object);
    } catch (InvalidQuantityException e) {
      throw decodeError(type, e);
    }
  }

  private static ApiException decodeError(ResourceType type, InvalidQuantityException e) {
    return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
        + type.kind() + ": " + e.getMessage());
  }

  /**
   * Decodes a JSON, merge or strategic patch's result. A value that is not a quantity is a 422 on the field
   * {@code patch} whose value is the patched object (for a strategic merge, the patch), with no kind or name, as
   * {@code jsonPatcher} and {@code smpPatcher} answer ({@code kubernetes/apiserver — pkg/endpoints/handlers/patch.go}).
   */
  static void patched(ResourceType type, ObjectNode patched, ApiServer.PatchType patchType, String body) {
    try {
      ApiDefaults.apply(type.group(), type.version(), type.kind(), patched);
    } catch (InvalidQuantityException e) {
      throw patchError(patched, patchType, body, e);
    }
  }

  /** {@link #patched} for a patch of the status subresource: {@code object} carries the patched status. */
  static void patchedStatus(ResourceType type, ObjectNode object, ObjectNode patched, ApiServer.PatchType patchType,
      String body) {
    try {
      ApiDefaults.applyToStatus(type.group(), type.version(), type.kind(), object);
    } catch (InvalidQuantityException e) {
      throw patchError(patched, patchType, body, e);
    }
  }

  private static ApiException patchError(ObjectNode patched, ApiServer.PatchType patchType, String body,
      InvalidQuantityException e) {
    String value = patchType == ApiServer.PatchType.STRATEGIC ? body : Json.write(patched);
    String detail = "Invalid value: " + Json.MAPPER.writeValueAsString(value) + ": " + e.getMessage();
    return new ApiException(422, "Invalid", " \"\" is invalid: patch: " + detail, null, null,
        List.of(new ApiException.Cause("FieldValueInvalid", detail, "patch")), null);
  }

  /**
   * Decodes the object a server-side apply produced. A value that is not a quantity fails the field manager's
   * conversion, which the API server answers with a bare 500 ({@code structuredMergeManager.Apply} in
   * {@code kubernetes/apimachinery — pkg/util/managedfields/internal/structuredmerge.go}).
   */
  static void applied(ResourceType type, String namespace, String name, ObjectNode merged) {
    try {
      ApiDefaults.apply(type.group(), type.version(), type.kind(), merged);
    } catch (InvalidQuantityException e) {
      String gvk = type.group() + "/" + type.version() + ", Kind=" + type.kind();
      throw new ApiException(500, null, "failed to convert new object (" + (type.namespaced() ? namespace : "")
          + "/" + name + "; " + gvk + ") to proper version: " + e.getMessage(), null, null, List.of(), null);
    }
  }
}
