package dev.keelson.testkit.internal.merge;

import dev.keelson.testkit.internal.merge.Schema.FieldDef;
import dev.keelson.testkit.internal.merge.Schema.Presence;
import dev.keelson.testkit.internal.merge.Schema.TypeDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Schema}: named types with their non-default fields, and roots (group + kind to type). Fields not
 * declared keep Kubernetes' defaults, so a type only needs the fields whose merge behaviour differs or that lead to
 * such fields.
 */
public final class SchemaBuilder {

    private final Map<String, Map<String, FieldDef>> fields = new LinkedHashMap<>();
    private final Map<String, Boolean> atomicTypes = new LinkedHashMap<>();
    private final Map<String, String> roots = new LinkedHashMap<>();

    /** Starts or continues a granular struct type. */
    public TypeBuilder type(String name) {
        atomicTypes.putIfAbsent(name, false);
        fields.computeIfAbsent(name, n -> new LinkedHashMap<>());
        return new TypeBuilder(name);
    }

    /** Declares a struct type that is atomic for server-side apply ({@code +structType=atomic}). */
    public SchemaBuilder atomicType(String name) {
        atomicTypes.put(name, true);
        fields.computeIfAbsent(name, n -> new LinkedHashMap<>());
        return this;
    }

    /** Maps a kind of an API group ({@code ""} for core) to its root type. */
    public SchemaBuilder root(String group, String kind, String type) {
        roots.put(group + "/" + kind, type);
        return this;
    }

    /** The schema; fails if a field or root refers to a type that was never declared. */
    public Schema build() {
        Map<String, TypeDef> types = new LinkedHashMap<>();
        fields.forEach((name, f) -> types.put(name, new TypeDef(name, atomicTypes.get(name), Map.copyOf(f))));
        return new Schema(types, roots);
    }

    /** Adds fields to one type. */
    public final class TypeBuilder {
        private final String name;

        private TypeBuilder(String name) {
            this.name = name;
        }

        private TypeBuilder put(String field, FieldDef def) {
            fields.get(name).put(field, def);
            return this;
        }

        /** An optional struct or map field (pointer or {@code omitempty}) of the given type. */
        public TypeBuilder field(String field, String type) {
            return put(field, new FieldDef(type, null, false, Presence.OMITTED));
        }

        /** A non-pointer struct field: Go always serializes it, so it is {@code {}} in the type's zero value. */
        public TypeBuilder embedded(String field, String type) {
            return put(field, new FieldDef(type, null, false, Presence.EMPTY_STRUCT));
        }

        /** An atomic field: an atomic list (replaced by strategic merge patch) or an atomic map/struct. */
        public TypeBuilder atomic(String field) {
            return put(field, new FieldDef(null, null, true, Presence.OMITTED));
        }

        /** A list field with the given semantics. */
        public TypeBuilder list(String field, ListSemantics semantics) {
            return put(field, new FieldDef(semantics.elementType(), semantics, false, Presence.OMITTED));
        }

        /** A list field serialized as {@code null} in the zero value (a Go slice without {@code omitempty}). */
        public TypeBuilder listNullWhenZero(String field, ListSemantics semantics) {
            return put(field, new FieldDef(semantics.elementType(), semantics, false, Presence.NULL));
        }

        /**
         * An associative list: server-side apply keys {@code keys}, strategic merge patch merges by
         * {@code patchMergeKey} (null: strategic merge patch replaces it).
         */
        public TypeBuilder mapList(String field, String elementType, String patchMergeKey, String... keys) {
            return list(field, new ListSemantics(ListSemantics.ApplyType.MAP, List.of(keys), Map.of(),
                    patchMergeKey == null ? ListSemantics.PatchStrategy.REPLACE : ListSemantics.PatchStrategy.MERGE,
                    patchMergeKey, false, elementType));
        }

        /** A set of scalars; {@code patchMerge} if strategic merge patch unions it too. */
        public TypeBuilder set(String field, boolean patchMerge) {
            return list(field, new ListSemantics(ListSemantics.ApplyType.SET, List.of(), Map.of(),
                    patchMerge ? ListSemantics.PatchStrategy.MERGE : ListSemantics.PatchStrategy.REPLACE, null,
                    false, null));
        }

        /** {@code conditions}: a map list keyed by {@code type} for both apply and strategic merge patch. */
        public TypeBuilder conditions() {
            return mapList("conditions", null, "type", "type");
        }

        /** Continues with another type. */
        public TypeBuilder type(String other) {
            return SchemaBuilder.this.type(other);
        }

        /** Declares an atomic struct type. */
        public SchemaBuilder atomicType(String other) {
            return SchemaBuilder.this.atomicType(other);
        }

        /** Maps a kind to its root type. */
        public SchemaBuilder root(String group, String kind, String type) {
            return SchemaBuilder.this.root(group, kind, type);
        }

        /** Builds the schema. */
        public Schema build() {
            return SchemaBuilder.this.build();
        }
    }
}
