package io.timetravel.domain;

/**
 * An audit entry exactly as stored, every column as its text, for verifying the hash chain: the
 * hash covers the stored text, so verification must not read it through types that could
 * normalise a hand edit away (or fail on one).
 *
 * @param id the entry's position in the chain
 */
public record StoredAuditEntry(
        long id,
        String recordId,
        String version,
        String eventType,
        String changedAt,
        String actor,
        String oldValue,
        String newValue,
        String reason,
        String prevHash,
        String hash,
        String actorVerified) {

    /** A row from before {@code actor_verified} existed. */
    public StoredAuditEntry(long id, String recordId, String version, String eventType, String changedAt, String actor,
                            String oldValue, String newValue, String reason, String prevHash, String hash) {
        this(id, recordId, version, eventType, changedAt, actor, oldValue, newValue, reason, prevHash, hash, null);
    }
}
