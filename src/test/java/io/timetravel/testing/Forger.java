package io.timetravel.testing;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.HashChain;
import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.StoredVersionRow;
import java.nio.file.Path;
import java.util.List;

/**
 * A careful forger with write access to the database file and the published algorithms, but not
 * the signing key: after editing rows with raw SQL, recomputes the audit chain and the ledger so
 * that every hash, link, version digest and seal is consistent again. Only digests can tell.
 */
public final class Forger {

    private Forger() {
    }

    /** Recomputes every audit entry's hashes from entry {@code fromId} on. */
    public static void rechainAudit(Path db, long fromId) {
        String previous = fromId == 1 ? HashChain.GENESIS
                : Sql.scalar(db, "SELECT hash FROM audit_history WHERE id < " + fromId + " ORDER BY id DESC LIMIT 1");
        for (List<String> row : Sql.query(db, "SELECT id, record_id, version, event_type, changed_at, actor, old_value, new_value,"
                + " reason, actor_verified FROM audit_history WHERE id >= " + fromId + " ORDER BY id")) {
            String hash = HashChain.link(previous, AuditEntry.canonicalContent(id(row.get(1)), id(row.get(2)), row.get(3), row.get(4),
                    Long.parseLong(row.get(5)), row.get(6), row.get(7), row.get(8), row.get(9) == null ? null : row.get(9).equals("1")));
            Sql.update(db, "UPDATE audit_history SET prev_hash = '" + previous + "', hash = '" + hash + "' WHERE id = " + row.get(0));
            previous = hash;
        }
    }

    /**
     * Recomputes the ledger from event {@code fromId} on: each record event's digest of its version
     * row as the row is now, each seal as the audit chain is now, and every hash.
     */
    public static void rechainLedger(Path db, long fromId) {
        String previous = fromId == 1 ? HashChain.GENESIS
                : Sql.scalar(db, "SELECT hash FROM event_logs WHERE id < " + fromId + " ORDER BY id DESC LIMIT 1");
        for (List<String> e : Sql.query(db, "SELECT id, event_type, record_id, version, occurred_at, actor, payload, version_sha256,"
                + " audit_id, audit_hash FROM event_logs WHERE id >= " + fromId + " ORDER BY id")) {
            // A record event commits to its version row, whether its digest is stored or computed (decision 0048).
            boolean recordEvent = e.get(7) != null || e.get(1).startsWith("record.");
            String versionSha256 = recordEvent ? versionRow(db, e.get(2), e.get(3)).sha256() : null;
            String auditHash = e.get(9) == null ? null : Sql.scalar(db, "SELECT hash FROM audit_history WHERE id = " + e.get(8));
            String hash = HashChain.link(previous, StoredEvent.canonicalContent(e.get(1), e.get(2), e.get(3), e.get(4), e.get(5),
                    e.get(6), versionSha256, e.get(8), auditHash));
            Sql.update(db, "UPDATE event_logs SET prev_hash = '" + previous + "', hash = '" + hash + "', version_sha256 = "
                    + quoted(versionSha256) + ", audit_hash = " + quoted(auditHash) + " WHERE id = " + e.get(0));
            previous = hash;
        }
    }

    /** A version row as stored. */
    public static StoredVersionRow versionRow(Path db, String recordId, String version) {
        List<String> r = Sql.query(db, "SELECT record_id, version, data, patch, checkpoint_version, effective_at, valid_to, recorded_at,"
                + " updated_at, actor, operation, reason, metadata, applied_patch FROM policyholder_records WHERE record_id = "
                + recordId + " AND version = " + version).get(0);
        return new StoredVersionRow(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8), r.get(9),
                r.get(10), r.get(11), r.get(12), r.get(13));
    }

    private static Long id(String text) {
        return text == null ? null : Long.valueOf(text);
    }

    private static String quoted(String text) {
        return text == null ? "NULL" : "'" + text + "'";
    }
}
