package io.timetravel.domain;

import io.timetravel.domain.json.JsonObject;

/**
 * A row of {@code event_logs} exactly as stored, every column as its text: one entry of the
 * ledger, the hash chain over every change (docs/decisions/0021).
 *
 * <p>Its hash is SHA-256 over the previous event's hash and the canonical content of the row,
 * which includes {@code version_sha256} (the SHA-256 of the version row a record event
 * records, {@link StoredVersionRow#sha256()}) and the seal of the audit chain: {@code audit_id},
 * the newest audit entry when the event was written, and {@code audit_hash}, that entry's hash
 * when it is newer than the one the previous event named (else {@code null}).
 *
 * @param id the event's id: its position in the ledger is its rank by id
 */
public record StoredEvent(
        long id,
        String eventType,
        String recordId,
        String version,
        String occurredAt,
        String actor,
        String payload,
        String prevHash,
        String hash,
        String versionSha256,
        String auditId,
        String auditHash) {

    /** The content the event's hash covers, as sorted-key JSON of the stored texts (id and hashes left out). */
    public static String canonicalContent(String eventType, String recordId, String version, String occurredAt, String actor,
                                          String payload, String versionSha256, String auditId, String auditHash) {
        return JsonObject.builder()
                .put("event_type", StoredVersionRow.text(eventType))
                .put("record_id", StoredVersionRow.text(recordId))
                .put("version", StoredVersionRow.text(version))
                .put("occurred_at", StoredVersionRow.text(occurredAt))
                .put("actor", StoredVersionRow.text(actor))
                .put("payload", StoredVersionRow.text(payload))
                .put("version_sha256", StoredVersionRow.text(versionSha256))
                .put("audit_id", StoredVersionRow.text(auditId))
                .put("audit_hash", StoredVersionRow.text(auditHash))
                .build()
                .toJson();
    }

    public String canonicalContent() {
        return canonicalContent(eventType, recordId, version, occurredAt, actor, payload, versionSha256, auditId, auditHash);
    }

    /** The hash this row should carry after {@code previousHash}. */
    public String expectedHash(String previousHash) {
        return HashChain.link(previousHash, canonicalContent());
    }
}
