package io.timetravel.http.v2;

import io.timetravel.domain.Instants;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import io.timetravel.domain.json.JsonWriter;
import io.timetravel.http.RawJson;
import java.time.Instant;

/**
 * The v2 representation of a record at one version:
 * {@code {"id":1,"version":3,"data":{...},"created_at":T,"updated_at":T,"effective_at":T,
 * "recorded_at":T,"actor":10,"operation":"UPDATE"}}, plus {@code "reason"} when there is one.
 */
public record RecordBody(
        long id,
        long version,
        JsonObject data,
        Instant createdAt,
        Instant updatedAt,
        Instant effectiveAt,
        Instant recordedAt,
        long actor,
        String operation,
        String reason) implements RawJson {

    public static RecordBody of(RecordVersion version) {
        return new RecordBody(version.recordId(), version.version(), version.data(), version.createdAt(), version.updatedAt(),
                version.effectiveAt(), version.recordedAt(), version.actor(), version.operation().name(), version.reason());
    }

    @Override
    public void writeJson(StringBuilder out) {
        out.append("{\"id\":").append(id)
                .append(",\"version\":").append(version)
                .append(",\"data\":").append(data.toJson())
                .append(",\"created_at\":\"").append(Instants.format(createdAt))
                .append("\",\"updated_at\":\"").append(Instants.format(updatedAt))
                .append("\",\"effective_at\":\"").append(Instants.format(effectiveAt))
                .append("\",\"recorded_at\":\"").append(Instants.format(recordedAt))
                .append("\",\"actor\":").append(actor)
                .append(",\"operation\":\"").append(operation).append('"');
        if (reason != null) {
            out.append(",\"reason\":");
            JsonWriter.writeString(reason, out);
        }
        out.append('}');
    }
}
