package io.timetravel.service;

import java.time.Instant;

/** Appends to the audit trail inside the writer's transaction. */
public interface AuditWrites {

    /** Appends an entry to the audit trail's hash chain. */
    void appendAudit(AuditDraft entry);

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
}
