package io.timetravel.gui.diff;

import io.timetravel.domain.json.JsonNumber;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonString;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.domain.json.JsonWriter;
import io.timetravel.gui.Formats;
import io.timetravel.gui.ShownState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Lines two JSON states up field by field for the diff and history views: nested objects become
 * dotted paths ({@code address.city}), one row per path present on either side, values written
 * for reading (strings without quotes, arrays and other values as spaced JSON).
 */
public final class FieldRows {

    /**
     * Paths in document order: segment by segment, so {@code address.city} stays with
     * {@code address.street}. That is the order of the text with the dot below every other
     * character, compared without splitting (a step of the timeline sorts every path it shows).
     */
    static final Comparator<String> PATH_ORDER = (left, right) -> {
        int common = Math.min(left.length(), right.length());
        for (int i = 0; i < common; i++) {
            char l = left.charAt(i);
            char r = right.charAt(i);
            if (l != r) {
                return l == '.' ? -1 : r == '.' ? 1 : Character.compare(l, r);
            }
        }
        return Integer.compare(left.length(), right.length());
    };

    private FieldRows() {
    }

    /** The rows comparing state {@code before} (left, A) with state {@code after} (right, B). */
    public static List<FieldRow> between(JsonObject before, JsonObject after) {
        return rows(flatten(before), flatten(after), Map.of(), Map.of());
    }

    /**
     * The rows comparing two states as the user may see them: a masked field whose real value
     * differs is marked changed even where both sides read alike.
     */
    public static List<FieldRow> between(ShownState before, ShownState after) {
        return rows(flatten(before.data()), flatten(after.data()), before.fingerprints(), after.fingerprints());
    }

    /**
     * The rows of one history event, from its two merge patches: {@code oldPatch} leads back to
     * the state before, {@code newPatch} to the state after. A {@code null} member of a patch
     * means the field is absent on that side, so a creation shows every field added and a
     * removal shows the field removed.
     */
    public static List<FieldRow> ofPatches(JsonValue oldPatch, JsonValue newPatch) {
        return rows(present(oldPatch), present(newPatch), Map.of(), Map.of());
    }

    /** {@link #ofPatches(JsonValue, JsonValue)} for patches as the user may see them ({@code null} for none). */
    public static List<FieldRow> ofPatches(ShownState oldPatch, ShownState newPatch) {
        return rows(present(oldPatch == null ? null : oldPatch.data()), present(newPatch == null ? null : newPatch.data()),
                oldPatch == null ? Map.of() : oldPatch.fingerprints(), newPatch == null ? Map.of() : newPatch.fingerprints());
    }

    /**
     * {@code value} as the user reads it: strings bare, numbers grouped with every digit
     * ({@code 2,000,000}), everything else as JSON with spaces.
     */
    public static String readable(JsonValue value) {
        if (value instanceof JsonString string) {
            return string.value();
        }
        if (value instanceof JsonNumber number) {
            return Formats.exactNumber(number.toString());
        }
        return JsonWriter.spaced(value);
    }

    private static List<FieldRow> rows(Map<String, JsonValue> left, Map<String, JsonValue> right,
                                       Map<String, Long> leftPrints, Map<String, Long> rightPrints) {
        TreeSet<String> paths = new TreeSet<>(PATH_ORDER);
        paths.addAll(left.keySet());
        paths.addAll(right.keySet());
        List<FieldRow> rows = new ArrayList<>(paths.size());
        for (String path : paths) {
            JsonValue a = left.get(path);
            JsonValue b = right.get(path);
            FieldRow.Change change;
            if (a == null) {
                change = FieldRow.Change.ADDED;
            } else if (b == null) {
                change = FieldRow.Change.REMOVED;
            } else {
                boolean same = a.equals(b) && Objects.equals(leftPrints.get(path), rightPrints.get(path));
                change = same ? FieldRow.Change.UNCHANGED : FieldRow.Change.CHANGED;
            }
            boolean numeric = (a == null || a instanceof JsonNumber) && (b == null || b instanceof JsonNumber);
            rows.add(new FieldRow(path, a == null ? null : readable(a), b == null ? null : readable(b), change, numeric));
        }
        return rows;
    }

    /** The object's leaves by dotted path; an empty nested object is a leaf of its own. */
    static Map<String, JsonValue> flatten(JsonObject object) {
        Map<String, JsonValue> leaves = new HashMap<>();
        flatten("", object, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonObject object, Map<String, JsonValue> leaves) {
        object.members().forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof JsonObject nested && !nested.isEmpty()) {
                flatten(path, nested, leaves);
            } else {
                leaves.put(path, value);
            }
        });
    }

    /** The leaves a merge patch leaves present: its non-null members (nothing for a non-object). */
    private static Map<String, JsonValue> present(JsonValue patch) {
        if (!(patch instanceof JsonObject object)) {
            return Map.of();
        }
        Map<String, JsonValue> leaves = flatten(object);
        leaves.values().removeIf(JsonValue::isNull);
        return leaves;
    }
}
