package io.timetravel.domain.json;

import java.util.Arrays;
import java.util.List;

/** An immutable JSON array. */
public final class JsonArray implements JsonValue {

    private static final JsonArray EMPTY = new JsonArray(List.of());

    private final List<JsonValue> elements;

    private JsonArray(List<JsonValue> elements) {
        this.elements = elements;
    }

    public static JsonArray of(List<? extends JsonValue> elements) {
        return elements.isEmpty() ? EMPTY : new JsonArray(List.copyOf(elements));
    }

    public static JsonArray of(JsonValue... elements) {
        return of(Arrays.asList(elements));
    }

    public List<JsonValue> elements() {
        return elements;
    }

    public int size() {
        return elements.size();
    }

    @Override
    public String typeName() {
        return "array";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonArray array && elements.equals(array.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
