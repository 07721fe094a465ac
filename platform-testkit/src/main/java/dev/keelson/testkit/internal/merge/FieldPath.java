package dev.keelson.testkit.internal.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from an object's root to one field, list item or set member. {@link #toString()} prints it the way
 * Kubernetes prints conflict paths: {@code .spec.template.spec.containers[name="nginx"].image}.
 *
 * @param elements the steps from the root
 */
public record FieldPath(List<PathElement> elements) {

    /** Copies the elements. */
    public FieldPath {
        elements = List.copyOf(elements);
    }

    /** A path of named fields, e.g. {@code FieldPath.of("spec", "replicas")}. */
    public static FieldPath of(String... fieldNames) {
        List<PathElement> elements = new ArrayList<>();
        for (String name : fieldNames) {
            elements.add(new PathElement.Field(name));
        }
        return new FieldPath(elements);
    }

    /** The empty path (the object itself). */
    public static FieldPath root() {
        return new FieldPath(List.of());
    }

    /** This path followed by one more element. */
    public FieldPath child(PathElement element) {
        List<PathElement> longer = new ArrayList<>(elements);
        longer.add(element);
        return new FieldPath(longer);
    }

    /** This path followed by a named field. */
    public FieldPath field(String name) {
        return child(new PathElement.Field(name));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        elements.forEach(out::append);
        return out.toString();
    }
}
