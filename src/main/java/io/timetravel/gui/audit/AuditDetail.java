package io.timetravel.gui.audit;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonParseException;
import io.timetravel.domain.json.JsonParser;
import io.timetravel.domain.json.JsonValue;
import io.timetravel.gui.ShownState;
import io.timetravel.gui.diff.FieldRow;
import io.timetravel.gui.diff.FieldRows;
import io.timetravel.service.Disclosure;
import java.util.List;

/**
 * The selected audit entry's old and new values field by field (as the diff lines states up),
 * and its hashes, as the user may see them: personal fields masked and hashes keyed for a user
 * without {@code pii}, as the API shows them.
 *
 * @param rows     the values, old left and new right
 * @param hash     the entry's hash as shown
 * @param prevHash the previous entry's hash as shown
 */
public record AuditDetail(List<FieldRow> rows, String hash, String prevHash) {

    private static final int STORED_MAX_DEPTH = 1_000;
    /** The path shown for a value that is no JSON object (a hand edit, or a scalar). */
    static final String WHOLE_VALUE = "(value)";

    /** {@code entry}'s detail through {@code disclosure}. Background thread (the disclosure may log the access). */
    public static AuditDetail of(AuditEntry entry, Disclosure disclosure) {
        Long recordId = entry.recordId();
        Object before = shown(recordId, entry.oldValue(), disclosure);
        Object after = shown(recordId, entry.newValue(), disclosure);
        List<FieldRow> rows;
        if (isPatch(before) && isPatch(after)) {
            rows = before instanceof ShownState || after instanceof ShownState
                    ? FieldRows.ofPatches(asShown(before), asShown(after))
                    : FieldRows.ofPatches((JsonValue) before, (JsonValue) after);
        } else {
            String left = text(before);
            String right = text(after);
            rows = List.of(new FieldRow(WHOLE_VALUE, left, right, left == null ? FieldRow.Change.ADDED
                    : right == null ? FieldRow.Change.REMOVED
                    : left.equals(right) ? FieldRow.Change.UNCHANGED : FieldRow.Change.CHANGED));
        }
        return new AuditDetail(rows, disclosure.digest(entry.hash()), disclosure.digest(entry.prevHash()));
    }

    /** A stored value as shown: a {@link ShownState} for a record's patch, a {@link JsonValue}, text that is no JSON, or null. */
    private static Object shown(Long recordId, String text, Disclosure disclosure) {
        if (text == null) {
            return null;
        }
        JsonValue value;
        try {
            value = JsonParser.parse(text, STORED_MAX_DEPTH);
        } catch (JsonParseException e) {
            return recordId != null && disclosure.masks() ? FieldPolicies.MASK : text;
        }
        if (recordId != null && value instanceof JsonObject object) {
            return ShownState.of(disclosure, recordId, object);
        }
        return value;
    }

    private static boolean isPatch(Object value) {
        return value == null || value instanceof ShownState || value instanceof JsonObject;
    }

    private static ShownState asShown(Object value) {
        return value == null ? null : value instanceof ShownState shown ? shown : ShownState.plain((JsonObject) value);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof ShownState shown) {
            return FieldRows.readable(shown.data());
        }
        return value instanceof JsonValue json ? FieldRows.readable(json) : value.toString();
    }
}
