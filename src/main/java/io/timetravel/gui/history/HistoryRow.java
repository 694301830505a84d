package io.timetravel.gui.history;

import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.Operation;
import io.timetravel.gui.Formats;
import java.time.ZoneId;

/**
 * One event of a record's history as the table shows it: times in the user's zone (to the minute
 * for the table, to the second for details), and whether the change was back-dated.
 */
public record HistoryRow(HistoryEntry entry, String operation, String actor, String recorded, String effective,
                         String recordedExactly, String effectiveExactly, boolean backdated, String reason) {

    public static HistoryRow of(HistoryEntry entry, ZoneId zone) {
        return new HistoryRow(entry, Formats.operation(entry.operation()), Formats.actor(entry.actor()),
                Formats.localMinutes(entry.timestamp(), zone), Formats.localMinutes(entry.effectiveAt(), zone),
                Formats.localTime(entry.timestamp(), zone), Formats.localTime(entry.effectiveAt(), zone),
                Formats.backdated(entry.effectiveAt(), entry.timestamp()), entry.reason() == null ? "" : entry.reason());
    }

    public long version() {
        return entry.version();
    }

    public Operation operationKind() {
        return entry.operation();
    }
}
