package dev.keelson.testkit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class VersionSharingTest {

  private static final ObjectNode PREVIOUS = Json.parseObject("""
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"web"},"resourceVersion":"7"},
       "spec":{"containers":[{"name":"app","image":"web:1"}],"nodeName":"node-a"},
       "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"True"}]}}""", false);

  @Test
  void unchangedSubtreesAreThePreviousVersionsOwnNodes() {
    ObjectNode written = PREVIOUS.deepCopy();
    ((ObjectNode) written.get("status")).put("phase", "Running");

    ObjectNode next = VersionSharing.copy(written, PREVIOUS);

    assertThat(next).isEqualTo(written);
    assertThat(next.toString()).isEqualTo(written.toString());
    assertThat(next.get("spec")).isSameAs(PREVIOUS.get("spec"));
    assertThat(next.get("status").get("conditions")).isSameAs(PREVIOUS.get("status").get("conditions"));
    assertThat(next.get("status")).isNotSameAs(PREVIOUS.get("status")).isNotSameAs(written.get("status"));
    assertThat(next.get("metadata").get("labels")).isSameAs(PREVIOUS.get("metadata").get("labels"));
  }

  @Test
  void rootAndMetadataAreAlwaysNewSoTheStoreCanWriteThem() {
    ObjectNode next = VersionSharing.copy(PREVIOUS.deepCopy(), PREVIOUS);

    assertThat(next).isEqualTo(PREVIOUS).isNotSameAs(PREVIOUS);
    assertThat(next.get("metadata")).isEqualTo(PREVIOUS.get("metadata")).isNotSameAs(PREVIOUS.get("metadata"));
  }

  @Test
  void neverAliasesTheWrittenObject() {
    ObjectNode written = PREVIOUS.deepCopy();
    ((ObjectNode) written.get("spec")).put("nodeName", "node-b");
    written.putObject("extra").put("k", "v");

    ObjectNode next = VersionSharing.copy(written, PREVIOUS);
    ((ObjectNode) written.get("spec")).put("nodeName", "node-c");
    ((ObjectNode) written.get("extra")).put("k", "changed");

    assertThat(next.get("spec").get("nodeName").asString()).isEqualTo("node-b");
    assertThat(next.get("extra").get("k").asString()).isEqualTo("v");
    assertThat(next.get("spec").get("containers")).isSameAs(PREVIOUS.get("spec").get("containers"));
  }

  @Test
  void adoptingRewritesTheOwnedObjectInPlaceKeepingItsRootAndMetadata() {
    ObjectNode owned = PREVIOUS.deepCopy();
    ((ObjectNode) owned.get("status")).put("phase", "Running");
    ObjectNode ownStatus = (ObjectNode) owned.get("status");
    ObjectNode ownMetadata = (ObjectNode) owned.get("metadata");

    ObjectNode adopted = VersionSharing.adopt(owned, PREVIOUS);

    assertThat(adopted).isSameAs(owned);
    assertThat(adopted.toString()).isEqualTo(PREVIOUS.toString().replace("Pending", "Running"));
    assertThat(adopted.get("metadata")).isSameAs(ownMetadata);
    assertThat(adopted.get("metadata").get("labels")).isSameAs(PREVIOUS.get("metadata").get("labels"));
    assertThat(adopted.get("spec")).isSameAs(PREVIOUS.get("spec"));
    assertThat(adopted.get("status")).isSameAs(ownStatus);
    assertThat(adopted.get("status").get("conditions")).isSameAs(PREVIOUS.get("status").get("conditions"));
  }

  @Test
  void sharesOnlyWhatIsIdenticalInKeyOrderAndNumberType() {
    ObjectNode previous = Json.parseObject("{\"metadata\":{},\"a\":{\"x\":1,\"y\":2},\"n\":{\"v\":1}}", false);
    ObjectNode written = Json.parseObject("{\"metadata\":{},\"a\":{\"y\":2,\"x\":1},\"n\":{\"v\":1.0}}", false);

    ObjectNode next = VersionSharing.copy(written, previous);
    ObjectNode adopted = VersionSharing.adopt(written.deepCopy(), previous);

    assertThat(next.toString()).isEqualTo(written.toString());
    assertThat(next.get("a")).isNotSameAs(previous.get("a"));
    assertThat(next.get("n")).isNotSameAs(previous.get("n"));
    assertThat(adopted.toString()).isEqualTo(written.toString());
    assertThat(adopted.get("a")).isNotSameAs(previous.get("a"));
    assertThat(adopted.get("n")).isNotSameAs(previous.get("n"));
  }
}
