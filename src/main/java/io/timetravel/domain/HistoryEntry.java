package io.timetravel.domain;

import io.timetravel.domain.json.JsonValue;
import java.time.Instant;

/**
 * One change in a record's history, as an auditor reads it.
 *
 * @param eventId   the change's id in the event log
 * @param timestamp   when the change was recorded
 * @param effectiveAt when it took effect (valid time)
 * @param validTo     when it stops being true, or {@code null} when it does not end
 * @param oldValue    the merge patch back to the state before, where the change took effect
 *                    ({@code null} JSON when the record did not exist there)
 * @param newValue    the merge patch from the state before to the new one, where it took effect
 */
public record HistoryEntry(
        long eventId,
        long version,
        Instant timestamp,
        Instant effectiveAt,
        Instant validTo,
        long actor,
        Operation operation,
        JsonValue oldValue,
        JsonValue newValue,
        String reason) {

    /** This entry with other old and new values (e.g. masked for a caller). */
    public HistoryEntry withValues(JsonValue newOldValue, JsonValue newNewValue) {
        return new HistoryEntry(eventId, version, timestamp, effectiveAt, validTo, actor, operation, newOldValue, newNewValue,
                reason);
    }
}
