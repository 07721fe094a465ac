package dev.keelson.testkit.internal.merge;

import static dev.keelson.testkit.internal.merge.Trees.json;
import static dev.keelson.testkit.internal.merge.Trees.jsonObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class JsonPatchesTest {

    private static final ObjectNode LIVE = jsonObject("""
            {"metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{"k":"v"},"list":[1,2,3]}""");

    @Test
    void mergePatchMergesObjectsDeletesNullsAndReplacesArrays() {
        ObjectNode patched = JsonMergePatch.apply(LIVE, jsonObject("""
                {"metadata":{"labels":{"a":null,"c":"3"}},"list":[9],"data":null}"""));

        assertThat(patched).isEqualTo(json("""
                {"metadata":{"name":"c","labels":{"b":"2","c":"3"}},"list":[9]}"""));
        assertThat(LIVE.at("/metadata/labels/a").asString()).isEqualTo("1");
    }

    @Test
    void jsonPatchAppliesOperations() {
        ObjectNode patched = JsonPatch.apply(LIVE, json("""
                [{"op":"test","path":"/data/k","value":"v"},
                 {"op":"replace","path":"/data/k","value":"w"},
                 {"op":"add","path":"/list/-","value":4},
                 {"op":"remove","path":"/metadata/labels/a"},
                 {"op":"copy","from":"/data/k","path":"/data/copy"},
                 {"op":"move","from":"/data/copy","path":"/moved"}]"""));

        assertThat(patched).isEqualTo(json("""
                {"metadata":{"name":"c","labels":{"b":"2"}},"data":{"k":"w"},"list":[1,2,3,4],"moved":"w"}"""));
        assertThat(LIVE.at("/data/k").asString()).isEqualTo("v");
    }

    @Test
    void aFailedTestOrABadPathIsAnIllegalArgument() {
        assertThatThrownBy(() -> JsonPatch.apply(LIVE,
                json("[{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"x\"}]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JSON patch failed:");
        assertThatThrownBy(() -> JsonPatch.apply(LIVE, json("[{\"op\":\"remove\",\"path\":\"/nope/x\"}]")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPatch.apply(LIVE, json("{\"op\":\"remove\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a JSON patch must be an array of operations");
    }
}
