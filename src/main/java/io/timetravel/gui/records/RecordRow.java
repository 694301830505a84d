package io.timetravel.gui.records;

import io.timetravel.domain.RecordSummary;
import io.timetravel.gui.Formats;
import java.time.ZoneId;

/** A record as the list shows it. */
public record RecordRow(long id, String name, String region, long versions, String lastChange) {

    public static RecordRow of(RecordSummary summary, ZoneId zone) {
        return new RecordRow(summary.id(), summary.name() == null ? "" : summary.name(),
                summary.region() == null ? "" : summary.region(), summary.versions(),
                Formats.localMinutes(summary.updatedAt(), zone));
    }
}
