package io.timetravel.gui.history;

import io.timetravel.domain.HistoryEntry;
import io.timetravel.domain.Operation;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.gui.Formats;
import io.timetravel.gui.Messages;
import io.timetravel.gui.ShownState;
import io.timetravel.service.Disclosure;
import java.time.ZoneId;

/**
 * One event of a record's history as the table shows it: times in the user's zone (to the minute
 * for the table, to the second for details), whether the change was back-dated, and its old and
 * new values as the user may see them.
 *
 * @param entry    the event, its values as shown ({@code oldShown}, {@code newShown})
 * @param oldShown the patch back to the state before, masked as the user sees it; {@code null} for none
 * @param newShown the patch to the new state, likewise
 */
public record HistoryRow(HistoryEntry entry, String operation, String actor, String recorded, String effective,
                         String recordedExactly, String effectiveExactly, boolean backdated, String reason,
                         ShownState oldShown, ShownState newShown) {

    /** The row of {@code entry}, an event of record {@code recordId}, with its values shown through {@code disclosure}. */
    public static HistoryRow of(HistoryEntry entry, long recordId, Disclosure disclosure, ZoneId zone) {
        ShownState oldShown = entry.oldValue() instanceof JsonObject patch ? ShownState.of(disclosure, recordId, patch) : null;
        ShownState newShown = entry.newValue() instanceof JsonObject patch ? ShownState.of(disclosure, recordId, patch) : null;
        HistoryEntry shown = entry.withValues(oldShown == null ? entry.oldValue() : oldShown.data(),
                newShown == null ? entry.newValue() : newShown.data());
        return new HistoryRow(shown, Formats.operation(entry.operation()), Formats.actor(entry.actor()),
                Formats.localTime(entry.timestamp(), zone), entry.validTo() == null ? Formats.localTime(entry.effectiveAt(), zone)
                        : Messages.get("history.period", Formats.localTime(entry.effectiveAt(), zone),
                        Formats.localTime(entry.validTo(), zone)),
                Formats.localTime(entry.timestamp(), zone), Formats.localTime(entry.effectiveAt(), zone),
                Formats.backdated(entry.effectiveAt(), entry.timestamp()), entry.reason() == null ? "" : entry.reason(),
                oldShown, newShown);
    }

    public long version() {
        return entry.version();
    }

    public Operation operationKind() {
        return entry.operation();
    }
}
