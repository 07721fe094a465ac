package dev.keelson.core.internal.inventory;

import dev.keelson.core.inventory.InventorySnapshot;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshot JSON: object keys sorted, map entries by key, nulls left out, two-space indent and {@code \n} line ends
 * on every platform, so the same snapshot always gives the same bytes.
 */
public final class SnapshotJson {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .changeDefaultPropertyInclusion(i -> i.withValueInclusion(
          com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
      .build();

  private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
  private static final ObjectWriter WRITER = MAPPER.writer().with(new DefaultPrettyPrinter()
      .withObjectIndenter(INDENT).withArrayIndenter(INDENT));

  private SnapshotJson() {
  }

  public static String write(InventorySnapshot snapshot) {
    return WRITER.writeValueAsString(snapshot) + "\n";
  }

  public static InventorySnapshot read(String json) {
    try {
      return MAPPER.readValue(json, InventorySnapshot.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not an inventory snapshot: " + e.getOriginalMessage(), e);
    }
  }
}
