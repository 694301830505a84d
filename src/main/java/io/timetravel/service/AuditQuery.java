package io.timetravel.service;

import java.time.Instant;

/**
 * A search over the audit trail; every filter is optional ({@code null} = any).
 *
 * @param recordId  entries of this record
 * @param actor     entries made by this user (0 = the anonymous v1 actor)
 * @param eventType entries of this event type (CREATE, UPDATE, RESTORE, ...), any case
 * @param from      entries changed at or after this instant
 * @param to        entries changed at or before this instant
 */
public record AuditQuery(Long recordId, Long actor, String eventType, Instant from, Instant to, int limit, int offset) {

    public static AuditQuery all(int limit, int offset) {
        return new AuditQuery(null, null, null, null, null, limit, offset);
    }
}
