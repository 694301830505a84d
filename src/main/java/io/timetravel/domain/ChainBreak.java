package io.timetravel.domain;

/**
 * The first thing verification found that does not hold: the row it concerns, named as
 * precisely as the evidence allows, and why. Every part but the reason may be unknown.
 *
 * @param auditId  the audit entry ({@code audit_history.id}) concerned
 * @param eventId  the ledger entry ({@code event_logs.id}) concerned
 * @param recordId the record whose version is concerned
 * @param version  that version
 */
public record ChainBreak(Long auditId, Long eventId, Long recordId, Long version, String reason) {

    /** A break of the audit trail's own chain, as {@link AuditChainCheck} reports it. */
    public static ChainBreak of(AuditChainCheck.Break broken) {
        return new ChainBreak(broken.id(), null, broken.recordId(), broken.version(), broken.reason());
    }
}
