package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A record as read at some point in time: its whole state there, and the facts (who, when, why)
 * of the version that names it: the newest version the state depends on, or, for a version read
 * by number, that version.
 *
 * @param recordId    the record (= policyholder) id
 * @param version     1, 2, 3, ... per record
 * @param data        the record's whole state (docs/decisions/0019 says how it is folded)
 * @param createdAt   when the record's first version was recorded
 * @param effectiveAt valid time: when this version's change became true in the world
 * @param validTo     valid time: when this version's change stops being true, or {@code null}
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
        Instant validTo,
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
        return newData == data ? this : new RecordVersion(recordId, version, newData, createdAt, effectiveAt, validTo, recordedAt,
                actor, operation, reason);
    }

    /** This version without its data. */
    public VersionInfo info() {
        return new VersionInfo(recordId, version, effectiveAt, validTo, recordedAt, actor, operation, reason);
    }

    /** A version's facts with a state. */
    public static RecordVersion of(VersionInfo info, JsonObject data, Instant createdAt) {
        return new RecordVersion(info.recordId(), info.version(), data, createdAt, info.effectiveAt(), info.validTo(),
                info.recordedAt(), info.actor(), info.operation(), info.reason());
    }
}
