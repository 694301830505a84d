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
        JsonWriter.object(out, members(version));
    }

    /** The record's members in the order of the answer, for {@link JsonWriter#object} to write wherever it writes. */
    public static JsonWriter.MemberWriter members(RecordVersion version) {
        return members -> {
            members.number("id", version.recordId())
                    .number("version", version.version())
                    .value("data", version.data())
                    .string("created_at", Instants.format(version.createdAt()))
                    .string("updated_at", Instants.format(version.updatedAt()))
                    .string("effective_at", Instants.format(version.effectiveAt()));
            if (version.validTo() != null) {
                members.string("valid_to", Instants.format(version.validTo()));
            }
            members.string("recorded_at", Instants.format(version.recordedAt()))
                    .number("actor", version.actor())
                    .string("operation", version.operation().name());
            if (version.reason() != null) {
                members.string("reason", version.reason());
            }
        };
    }
}
