package io.timetravel.service;

import io.timetravel.domain.FeatureFlag;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link WriteWork} may do inside the writer's transaction. Reads see the work's own
 * writes and those of earlier work in the same batch.
 */
public interface WriteSession {

    /**
     * This work's transaction time: strictly later than every instant handed out before, so
     * {@code recorded_at} strictly increases per record (and across records).
     */
    Instant recordedAt();

    /**
     * For replaying history (rebuild, sample data), never for client requests: makes this
     * work's transaction time {@code requested}, or the first instant after the last one handed
     * out if that is later. Must come before the first call of {@link #recordedAt()}.
     */
    Instant recordAt(Instant requested);

    /** The record's versions, including those this batch wrote; empty when it does not exist. */
    Optional<RecordTimeline> timeline(long recordId);

    /**
     * Appends the record's next version (creating the policyholder on the first), recorded at
     * {@link #recordedAt()}. Answers it with the state the store answers right after it, valid
     * and known now.
     */
    RecordVersion appendVersion(NewVersion version);

    /** A feature flag as it is in this transaction. */
    Optional<FeatureFlag> flag(String key);

    /** Stores a flag's new settings (the key must exist). */
    void saveFlag(FeatureFlag flag);

    /** Appends an entry to the audit trail's hash chain. */
    void appendAudit(AuditDraft entry);

    /** Appends to the event log; returns the event id. */
    long appendEvent(EventDraft event);

    /**
     * The content of a version to append.
     *
     * @param patch   the merge patch it applies over its valid period
     * @param validTo the end of its valid period, {@code null} when open-ended
     */
    record NewVersion(
            long recordId,
            JsonObject patch,
            Instant effectiveAt,
            Instant validTo,
            long actor,
            io.timetravel.domain.Operation operation,
            String reason,
            JsonObject metadata) {
    }

    /** An audit entry before the store links it into the chain. */
    record AuditDraft(
            Long recordId,
            Long version,
            String eventType,
            Instant changedAt,
            long actor,
            String oldValue,
            String newValue,
            String reason,
            Boolean actorVerified) {

        /** An entry whose actor is only declared. */
        public AuditDraft(Long recordId, Long version, String eventType, Instant changedAt, long actor,
                          String oldValue, String newValue, String reason) {
            this(recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, false);
        }
    }

    /**
     * An event-log entry before the store numbers it: {@code payload} is what its listeners get,
     * {@code stored} what the event log keeps (a record event's version row holds the rest,
     * docs/decisions/0035).
     */
    record EventDraft(String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload,
                      JsonObject stored) {

        /** An event stored as it is delivered. */
        public EventDraft(String eventType, Long recordId, Long version, Instant occurredAt, Long actor, JsonObject payload) {
            this(eventType, recordId, version, occurredAt, actor, payload, payload);
        }
    }
}
