package io.timetravel.gui.timeline;

import io.timetravel.domain.StateDiff;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a state, and the state one step earlier, into the field table's rows: nested objects
 * flattened to dotted paths, values as compact text, and the fields the step added, changed or
 * removed marked (removed ones kept as rows, so the user sees what disappeared).
 */
final class FieldRows {

    private FieldRows() {
    }

    /** The rows of {@code current}, marked by what changed since {@code previous} (sorted by path). */
    static List<FieldRow> between(JsonObject previous, JsonObject current) {
        Map<String, JsonValue> now = flatten(current);
        if (previous == current) {
            List<FieldRow> rows = new ArrayList<>(now.size());
            now.forEach((path, value) -> rows.add(new FieldRow(path, text(value), "", FieldChange.NONE)));
            return rows;
        }
        StateDiff diff = StateDiff.between(previous, current);
        TreeMap<String, FieldRow> rows = new TreeMap<>();
        now.forEach((path, value) -> rows.put(path, new FieldRow(path, text(value), "", FieldChange.NONE)));
        diff.added().members().forEach((path, value) ->
                flatten(path, value).forEach((leaf, leafValue) -> rows.put(leaf, new FieldRow(leaf, text(leafValue), "", FieldChange.ADDED))));
        diff.removed().members().forEach((path, value) ->
                flatten(path, value).forEach((leaf, leafValue) -> rows.put(leaf, new FieldRow(leaf, text(leafValue), "", FieldChange.REMOVED))));
        diff.changed().members().forEach((path, change) -> {
            JsonObject fromTo = (JsonObject) change;
            Map<String, JsonValue> before = flatten(path, fromTo.getOrNull("from"));
            Map<String, JsonValue> after = flatten(path, fromTo.getOrNull("to"));
            // A value that changes type (an object becoming a string, say) adds and removes leaves.
            after.forEach((leaf, value) -> {
                JsonValue old = before.get(leaf);
                rows.put(leaf, old == null
                        ? new FieldRow(leaf, text(value), "", FieldChange.ADDED)
                        : new FieldRow(leaf, text(value), text(old), FieldChange.CHANGED));
            });
            before.forEach((leaf, old) -> {
                if (!after.containsKey(leaf)) {
                    rows.put(leaf, new FieldRow(leaf, text(old), "", FieldChange.REMOVED));
                }
            });
        });
        return new ArrayList<>(rows.values());
    }

    /** The state's leaves by dotted path, in path order; an empty object is a leaf of its own. */
    static Map<String, JsonValue> flatten(JsonObject state) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        state.members().forEach((key, value) -> walk(key, value, out));
        return out;
    }

    private static Map<String, JsonValue> flatten(String path, JsonValue value) {
        Map<String, JsonValue> out = new LinkedHashMap<>();
        walk(path, value, out);
        return out;
    }

    private static void walk(String path, JsonValue value, Map<String, JsonValue> out) {
        if (value instanceof JsonObject object && !object.isEmpty()) {
            object.members().forEach((key, member) -> walk(path + "." + key, member, out));
        } else {
            out.put(path, value);
        }
    }

    /** Strings as they are; everything else as compact JSON. */
    static String text(JsonValue value) {
        return value instanceof JsonString string ? string.value() : value.toJson();
    }
}
