package io.timetravel.domain;

import io.timetravel.domain.json.JsonValue;
import java.time.Instant;

/**
 * One change in a record's history, as an auditor reads it.
 *
 * @param eventId   the change's id in the event log
 * @param timestamp when the change was recorded
 * @param oldValue  the merge patch back to the state before ({@code null} JSON for a creation)
 * @param newValue  the merge patch from the state before to the new one
 */
public record HistoryEntry(
        long eventId,
        long version,
        Instant timestamp,
        Instant effectiveAt,
        long actor,
        Operation operation,
        JsonValue oldValue,
        JsonValue newValue,
        String reason) {
}
