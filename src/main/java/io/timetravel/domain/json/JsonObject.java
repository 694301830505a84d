package io.timetravel.domain.json;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable JSON object whose members are always sorted by key.
 *
 * <p>The members are two arrays, keys in ascending order and their values, looked up by binary
 * search. Record timelines keep every version's patch on the heap, most of them objects of a
 * few members: a {@code TreeMap} behind an unmodifiable wrapper took about 200 bytes for two
 * members, the arrays take about 70 (docs/decisions/0041).
 */
public final class JsonObject implements JsonValue {

    private static final String[] NO_KEYS = {};
    private static final JsonValue[] NO_VALUES = {};
    private static final JsonObject EMPTY = new JsonObject(NO_KEYS, NO_VALUES);

    private final String[] keys;
    private final JsonValue[] values;

    private JsonObject(String[] keys, JsonValue[] values) {
        this.keys = keys;
        this.values = values;
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
        return adopt(copy);
    }

    /** An object of the members of a map the caller built (sorted, no {@code null}s); the map is copied. */
    static JsonObject adopt(SortedMap<String, JsonValue> members) {
        int size = members.size();
        if (size == 0) {
            return EMPTY;
        }
        String[] keys = new String[size];
        JsonValue[] values = new JsonValue[size];
        int index = 0;
        for (Map.Entry<String, JsonValue> member : members.entrySet()) {
            keys[index] = member.getKey();
            values[index++] = member.getValue();
        }
        return new JsonObject(keys, values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The members, sorted by key; an unmodifiable view. */
    public SortedMap<String, JsonValue> members() {
        return new JsonMembers(this);
    }

    /** The key of the member at {@code index} in key order. */
    String key(int index) {
        return keys[index];
    }

    /** The value of the member at {@code index} in key order. */
    JsonValue value(int index) {
        return values[index];
    }

    private int indexOf(String key) {
        return key == null ? -1 : Arrays.binarySearch(keys, key);
    }

    public Optional<JsonValue> get(String key) {
        return Optional.ofNullable(getOrNull(key));
    }

    /** The member's value, or {@code null} when absent. */
    public JsonValue getOrNull(String key) {
        int index = indexOf(key);
        return index >= 0 ? values[index] : null;
    }

    /** The member's value when it is a string. */
    public Optional<String> getString(String key) {
        return getOrNull(key) instanceof JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    public boolean containsKey(String key) {
        return indexOf(key) >= 0;
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** A builder pre-filled with this object's members. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        for (int i = 0; i < keys.length; i++) {
            builder.members.put(keys[i], values[i]);
        }
        return builder;
    }

    /**
     * This object with each key and string value, at every depth, replaced by the equal one
     * {@code spelling} gives: objects kept for long (a record's versions) then share one string
     * for each name, and one for each text they repeat. This very object when everything is
     * already spelled so.
     */
    public JsonObject spelledBy(KeySpelling spelling) {
        String[] spelled = null;
        JsonValue[] below = null;
        for (int i = 0; i < keys.length; i++) {
            String key = spelling.spell(keys[i]);
            if (key != keys[i]) {
                spelled = spelled == null ? keys.clone() : spelled;
                spelled[i] = key;
            }
            JsonValue value = values[i];
            JsonValue respelled = value instanceof JsonObject object && !object.isEmpty() ? object.spelledBy(spelling.below(keys[i]))
                    : value instanceof JsonString string ? spelling.spell(keys[i], string)
                    : value;
            if (respelled != value) {
                below = below == null ? values.clone() : below;
                below[i] = respelled;
            }
        }
        return spelled == null && below == null ? this
                : new JsonObject(spelled == null ? keys : spelled, below == null ? values : below);
    }

    /**
     * This object keeping {@code other}'s array of keys when both have the same keys in the same
     * order (consecutive versions of a record often patch the same fields), else this very object.
     */
    public JsonObject sharingKeysWith(JsonObject other) {
        return keys != other.keys && Arrays.equals(keys, other.keys) ? new JsonObject(other.keys, values) : this;
    }

    @Override
    public String typeName() {
        return "object";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject object && Arrays.equals(keys, object.keys) && Arrays.equals(values, object.values);
    }

    /** As a {@link Map}'s hash code: the sum over members of the key's hash XOR the value's. */
    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < keys.length; i++) {
            hash += keys[i].hashCode() ^ values[i].hashCode();
        }
        return hash;
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
            return JsonObject.adopt(members);
        }
    }
}
