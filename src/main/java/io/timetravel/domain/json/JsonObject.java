package io.timetravel.domain.json;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable JSON object whose members are always sorted by key.
 *
 * <p>The canonical text is computed once and kept: record states are read far more often than
 * they are built, and a response can then copy the text instead of walking the tree.
 */
public final class JsonObject implements JsonValue {

    private static final JsonObject EMPTY = new JsonObject(Collections.emptySortedMap());

    private final SortedMap<String, JsonValue> members;

    private JsonObject(SortedMap<String, JsonValue> members) {
        this.members = members;
    }

    public static JsonObject empty() {
        return EMPTY;
    }

    /** An object holding a copy of the given members; {@code null} values are not allowed. */
    public static JsonObject of(Map<String, ? extends JsonValue> members) {
        if (members.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, JsonValue> copy = new TreeMap<>();
        members.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key)));
        return new JsonObject(Collections.unmodifiableSortedMap(copy));
    }

    /** Takes ownership of a map the caller will not touch again (no copy). */
    static JsonObject adopt(TreeMap<String, JsonValue> members) {
        return members.isEmpty() ? EMPTY : new JsonObject(Collections.unmodifiableSortedMap(members));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The members, sorted by key; unmodifiable. */
    public SortedMap<String, JsonValue> members() {
        return members;
    }

    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(members.get(key));
    }

    /** The member's value, or {@code null} when absent. */
    public JsonValue getOrNull(String key) {
        return members.get(key);
    }

    /** The member's value when it is a string. */
    public Optional<String> getString(String key) {
        return members.get(key) instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    public boolean containsKey(String key) {
        return members.containsKey(key);
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** A builder pre-filled with this object's members. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.members.putAll(members);
        return builder;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject object && members.equals(object.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects members for a new {@link JsonObject}. */
    public static final class Builder {
        private final TreeMap<String, JsonValue> members = new TreeMap<>();

        private Builder() {
        }

        public Builder put(String key, JsonValue value) {
            members.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, key));
            return this;
        }

        public Builder put(String key, String value) {
            return put(key, JsonString.of(value));
        }

        public Builder put(String key, long value) {
            return put(key, JsonNumber.of(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, JsonBoolean.of(value));
        }

        public Builder remove(String key) {
            members.remove(key);
            return this;
        }

        public JsonObject build() {
            return JsonObject.adopt(new TreeMap<>(members));
        }
    }
}
