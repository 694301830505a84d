package io.timetravel.gui.records;

import io.timetravel.domain.RecordSummary;
import io.timetravel.gui.Formats;
import io.timetravel.service.Disclosure;
import java.time.ZoneId;

/** A record as the list shows it. */
public record RecordRow(long id, String name, String region, long versions, String lastChange) {

    /**
     * The row of {@code summary}, its name and region as {@code disclosure} lets its caller see
     * them: masked without {@code pii}, noted for the access log with it, as the API's list does.
     */
    public static RecordRow of(RecordSummary summary, ZoneId zone, Disclosure disclosure) {
        return new RecordRow(summary.id(), blankIfNone(disclosure.listedName(summary.id(), summary.name())),
                blankIfNone(disclosure.listedRegion(summary.id(), summary.region())), summary.versions(),
                Formats.localDate(summary.updatedAt(), zone));
    }

    private static String blankIfNone(String value) {
        return value == null ? "" : value;
    }
}
