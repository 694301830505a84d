package io.timetravel.http.v2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import java.time.Instant;

/** The v2 representation of a record at one version. */
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public static RecordBody of(RecordVersion version) {
        return new RecordBody(version.recordId(), version.version(), version.data(), version.createdAt(), version.updatedAt(),
                version.effectiveAt(), version.recordedAt(), version.actor(), version.operation().name(), version.reason());
    }
}
