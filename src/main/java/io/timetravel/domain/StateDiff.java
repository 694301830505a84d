package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonValue;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between two states of a record, field by field.
 *
 * <p>Nested objects are compared member by member, and a difference inside one is named by its
 * dotted path ({@code address.city}), so a change deep in a large value shows as that change,
 * not as the whole value replaced. Arrays and values of different types are compared whole.
 *
 * @param added   paths only in the second state, with their values
 * @param changed paths in both with different values, as {@code {"from": a, "to": b}}
 * @param removed paths only in the first state, with their values
 */
public record StateDiff(JsonObject added, JsonObject changed, JsonObject removed) {

    public static StateDiff between(JsonObject from, JsonObject to) {
        JsonObject.Builder added = JsonObject.builder();
        JsonObject.Builder changed = JsonObject.builder();
        JsonObject.Builder removed = JsonObject.builder();
        walk("", from, to, added, changed, removed);
        return new StateDiff(added.build(), changed.build(), removed.build());
    }

    private static void walk(String prefix, JsonObject from, JsonObject to,
                             JsonObject.Builder added, JsonObject.Builder changed, JsonObject.Builder removed) {
        Set<String> keys = new TreeSet<>(from.members().keySet());
        keys.addAll(to.members().keySet());
        for (String key : keys) {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            JsonValue before = from.getOrNull(key);
            JsonValue after = to.getOrNull(key);
            if (before == null) {
                added.put(path, after);
            } else if (after == null) {
                removed.put(path, before);
            } else if (!before.equals(after)) {
                if (before instanceof JsonObject beforeObject && after instanceof JsonObject afterObject) {
                    walk(path, beforeObject, afterObject, added, changed, removed);
                } else {
                    changed.put(path, JsonObject.builder().put("from", before).put("to", after).build());
                }
            }
        }
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** This diff as {@code {"added":{..},"changed":{..},"removed":{..}}}. */
    public JsonObject toJson() {
        return JsonObject.builder().put("added", added).put("changed", changed).put("removed", removed).build();
    }
}
