package dev.keelson.testkit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The store keeps versions that share what did not change, hands out copies, and proves nobody modifies them. */
class ObjectStoreVersionsTest {

  private final ObjectStore store = new ObjectStore(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
      ZoneOffset.UTC), 1L);
  private final ResourceType configMaps = new ResourceTypes().byKind("v1", "ConfigMap").orElseThrow();

  private ObjectNode configMap(String value) {
    return Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\","
        + "\"labels\":{\"app\":\"web\"}},\"data\":{\"k\":\"" + value + "\"},\"binaryData\":{}}", false);
  }

  @Test
  void aNewVersionSharesUnchangedPartsWithTheOneBefore() {
    store.create(configMaps, "default", configMap("1"));
    ObjectNode first = store.stored(configMaps, "default", "cfg");

    store.update(configMaps, "default", configMap("2"));
    ObjectNode second = store.stored(configMaps, "default", "cfg");

    assertThat(second.get("data").get("k").asString()).isEqualTo("2");
    assertThat(second.get("metadata").get("resourceVersion").asString()).isEqualTo("1002");
    assertThat(second.get("metadata").get("labels")).isSameAs(first.get("metadata").get("labels"));
    assertThat(second.get("binaryData")).isSameAs(first.get("binaryData"));
    assertThat(first.get("data").get("k").asString()).isEqualTo("1");
    assertThat(first.get("metadata").get("resourceVersion").asString()).isEqualTo("1001");
  }

  @Test
  void callersAndWatchersOfEveryKindGetWhatTheyDidBefore() {
    List<WatchEvent> seen = new ArrayList<>();
    store.watchAll(seen::add);
    ObjectNode created = store.create(configMaps, "default", configMap("1"));
    created.put("changedByCaller", true);
    ObjectNode read = store.get(configMaps, "default", "cfg");
    read.withObject("data").put("k", "changed by a reader");

    ObjectNode updated = store.update(configMaps, "default", configMap("2"));

    assertThat(updated).isNotSameAs(store.stored(configMaps, "default", "cfg"))
        .isEqualTo(store.stored(configMaps, "default", "cfg"));
    assertThat(seen).extracting(e -> e.object().get("data").get("k").asString()).containsExactly("1", "2");
    assertThat(seen.get(1).object()).isSameAs(store.stored(configMaps, "default", "cfg"));
  }

  @Test
  void aStoredVersionModifiedInPlaceIsCaughtWhenAssertionsAreOn() {
    store.create(configMaps, "default", configMap("1"));
    ((ObjectNode) store.stored(configMaps, "default", "cfg").get("data")).put("k", "written in place");

    assertThatThrownBy(() -> store.update(configMaps, "default", configMap("2")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("a stored version was modified");
  }
}
