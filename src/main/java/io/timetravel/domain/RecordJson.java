package io.timetravel.domain;

import io.timetravel.domain.json.JsonWriter;

/**
 * A record at one version as one line of JSON, the same text the v2 API answers for it:
 * {@code {"id":1,"version":3,"data":{...},"created_at":T,"updated_at":T,"effective_at":T,
 * "recorded_at":T,"actor":10,"operation":"UPDATE"}}, plus {@code "valid_to"} when the version
 * names the end of its valid period and {@code "reason"} when there is one. Snapshot files hold one of these per record.
 */
public final class RecordJson {

    private RecordJson() {
    }

    public static String of(RecordVersion version) {
        StringBuilder out = new StringBuilder(256);
        write(version, out);
        return out.toString();
    }

    public static void write(RecordVersion version, StringBuilder out) {
        out.append("{\"id\":").append(version.recordId())
                .append(",\"version\":").append(version.version())
                .append(",\"data\":").append(version.data().toJson())
                .append(",\"created_at\":\"").append(Instants.format(version.createdAt()))
                .append("\",\"updated_at\":\"").append(Instants.format(version.updatedAt()))
                .append("\",\"effective_at\":\"").append(Instants.format(version.effectiveAt()));
        if (version.validTo() != null) {
            out.append("\",\"valid_to\":\"").append(Instants.format(version.validTo()));
        }
        out.append("\",\"recorded_at\":\"").append(Instants.format(version.recordedAt()))
                .append("\",\"actor\":").append(version.actor())
                .append(",\"operation\":\"").append(version.operation().name()).append('"');
        if (version.reason() != null) {
            out.append(",\"reason\":");
            JsonWriter.writeString(version.reason(), out);
        }
        out.append('}');
    }
}
