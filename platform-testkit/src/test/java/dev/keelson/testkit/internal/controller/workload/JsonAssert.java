package dev.keelson.testkit.internal.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.testkit.internal.api.Json;
import tools.jackson.databind.JsonNode;

/** Compares a JSON tree with an expected document (numbers by value, key order ignored). */
final class JsonAssert {

  private JsonAssert() {
  }

  static void assertJson(JsonNode actual, String expected) {
    JsonNode wanted = Json.parse(expected);
    assertThat(JsonEquality.equal(actual, wanted))
        .as("expected%n  %s%nbut was%n  %s", Json.write(wanted), actual == null ? "null" : Json.write(actual))
        .isTrue();
  }
}
