package io.timetravel.gui.records;

import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.access.FieldPolicies;
import io.timetravel.domain.json.JsonString;
import io.timetravel.gui.Formats;
import java.time.ZoneId;

/** A record as the list shows it. */
public record RecordRow(long id, String name, String region, long versions, String lastChange) {

    /** The row of {@code summary}, its name and region masked as {@code policies} say (none for a user with pii). */
    public static RecordRow of(RecordSummary summary, ZoneId zone, FieldPolicies policies) {
        return new RecordRow(summary.id(), shown(policies, "name", summary.name()), shown(policies, "region", summary.region()),
                summary.versions(), Formats.localMinutes(summary.updatedAt(), zone));
    }

    private static String shown(FieldPolicies policies, String path, String value) {
        return value == null ? "" : ((JsonString) policies.maskAt(path, JsonString.of(value))).value();
    }
}
