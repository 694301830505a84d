package io.timetravel.gui.records;

import io.timetravel.domain.RecordSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A record as the list shows it. */
public record RecordRow(long id, String name, String region, long versions, String lastChange) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static RecordRow of(RecordSummary summary, ZoneId zone) {
        return new RecordRow(summary.id(), summary.name() == null ? "" : summary.name(),
                summary.region() == null ? "" : summary.region(), summary.versions(),
                LOCAL.format(summary.updatedAt().atZone(zone)));
    }
}
