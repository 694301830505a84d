package io.timetravel.service;

import java.time.Instant;

/**
 * A search over the audit trail; every filter is optional ({@code null} = any).
 *
 * @param recordId      entries of this record
 * @param actor         entries made by this user (0 = the anonymous v1 actor)
 * @param eventType     entries of this event type (CREATE, UPDATE, RESTORE, ...), any case
 * @param from          entries changed at or after this instant
 * @param to            entries changed at or before this instant
 * @param actorVerified {@code true}: entries whose actor was verified; {@code false}: entries whose
 *                      actor was only declared, including those from before that was recorded
 * @param afterId       entries with a greater id (newer): what arrived since a list was read
 * @param beforeId      entries with a smaller id (older): a list read as it was, or the next page of a walk
 */
public record AuditQuery(Long recordId, Long actor, String eventType, Instant from, Instant to, Boolean actorVerified,
                         Long afterId, Long beforeId, int limit, int offset) {

    /** A query by the filters of the API (any actor, verified or not; no id window). */
    public AuditQuery(Long recordId, Long actor, String eventType, Instant from, Instant to, int limit, int offset) {
        this(recordId, actor, eventType, from, to, null, null, null, limit, offset);
    }

    public static AuditQuery all(int limit, int offset) {
        return new AuditQuery(null, null, null, null, null, limit, offset);
    }

    /** The same filters and window, another page. */
    public AuditQuery page(int pageLimit, int pageOffset) {
        return new AuditQuery(recordId, actor, eventType, from, to, actorVerified, afterId, beforeId, pageLimit, pageOffset);
    }

    /** The same filters and page, within the ids between {@code after} and {@code before} (exclusive, {@code null}: open). */
    public AuditQuery between(Long after, Long before) {
        return new AuditQuery(recordId, actor, eventType, from, to, actorVerified, after, before, limit, offset);
    }

    /** The same filters, over the whole trail (no id window, no page). */
    public AuditQuery filtersOnly() {
        return new AuditQuery(recordId, actor, eventType, from, to, actorVerified, null, null, limit, offset);
    }
}
