package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of a record: its whole state and who made it, when, and why.
 *
 * @param recordId    the record (= policyholder) id
 * @param version     1, 2, 3, ... per record
 * @param data        the record's whole state at this version
 * @param createdAt   when the record's first version was recorded
 * @param effectiveAt valid time: when this state became true in the world
 * @param recordedAt  transaction time: when the store learned it
 * @param actor       the user who made the change (0 = anonymous v1 client)
 * @param operation   how the version came about
 * @param reason      why, when the actor said so; may be {@code null}
 */
public record RecordVersion(
        long recordId,
        long version,
        JsonObject data,
        Instant createdAt,
        Instant effectiveAt,
        Instant recordedAt,
        long actor,
        Operation operation,
        String reason) {

    public RecordVersion {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(operation, "operation");
    }

    /** When the record was last written as of this version: the version's transaction time. */
    public Instant updatedAt() {
        return recordedAt;
    }

    /** This version with other data (e.g. masked for a caller), everything else the same. */
    public RecordVersion withData(JsonObject newData) {
        return newData == data ? this : new RecordVersion(recordId, version, newData, createdAt, effectiveAt, recordedAt, actor,
                operation, reason);
    }

    /** This version without its data. */
    public VersionInfo info() {
        return new VersionInfo(recordId, version, effectiveAt, recordedAt, actor, operation, reason);
    }
}
