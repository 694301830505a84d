package io.timetravel.storage;

import java.util.Arrays;

/**
 * Inserts the rows of a record write for the writer's session. On SQLite the version row waits
 * for its audit entry and event and keeps them (decision 0044): one row a write instead of three,
 * when {@link VersionEntries#kept} says the views read them back as they are. On PostgreSQL, and
 * for every other entry, each row is inserted when it is made. Not thread-safe: one unit of work's.
 */
final class VersionRowInserts {

    private final WriteStatements statements;
    /** The version appended and not yet inserted, with its audit entry once made. */
    private Pending pending;

    private static final class Pending {
        final VersionEntries.VersionRow version;
        /** The SHA-256 of the row as the views read it back: what its event's version_sha256 commits to. */
        final String digest;
        long auditId;
        VersionEntries.AuditRow audit;

        Pending(VersionEntries.VersionRow version, String digest) {
            this.version = version;
            this.digest = digest;
        }

        boolean isOf(Long recordId, Long number) {
            return recordId != null && recordId == version.recordId() && number != null && number == version.version();
        }
    }

    VersionRowInserts(WriteStatements statements) {
        this.statements = statements;
    }

    /** A version row whose SHA-256 as stored is {@code digest}: inserted now, or (SQLite) when its event comes. */
    void version(VersionEntries.VersionRow row, String digest) {
        flush();
        if (statements.compact) {
            pending = new Pending(row, digest);
        } else {
            statements.insertVersion.update(row.values());
        }
    }

    /** An audit entry; answers its id. The entry of the version waiting takes its id now and its place with the event. */
    long audit(VersionEntries.AuditRow row) {
        if (pending != null && pending.audit == null && pending.isOf(row.recordId(), row.version())) {
            pending.auditId = WriteStatements.take(statements.nextAuditId);
            pending.audit = row;
            return pending.auditId;
        }
        flush();
        return statements.insertAudit.insertReturningId(row.values());
    }

    /**
     * An event; answers its id. {@code position} is the order streams deliver it in, on a shared
     * PostgreSQL database ({@code null} on SQLite).
     */
    long event(VersionEntries.EventRow row, Long position) {
        if (pending != null && pending.isOf(row.recordId(), row.version())) {
            return withVersion(row);
        }
        flush();
        Object[] values = row.values();
        if (position != null) {
            values = Arrays.copyOf(values, values.length + 1);
            values[values.length - 1] = position;
        }
        return statements.insertEvent.insertReturningId(values);
    }

    /** Inserts what still waits: the unit of work ends. */
    void finish() {
        flush();
    }

    /** The version waiting, with its audit entry if any and {@code event}: one row when the views read them back, else three. */
    private long withVersion(VersionEntries.EventRow event) {
        Pending written = pending;
        pending = null;
        long id = WriteStatements.take(statements.nextEventId);
        Object[] row = VersionEntries.kept(written.version, written.digest, written.auditId, written.audit, id, event);
        if (row == null) {
            insertApart(written);
            statements.insertEventWithId.update(withId(id, event.values()));
            return id;
        }
        statements.insertVersionWithEntries.update(row);
        return id;
    }

    private void flush() {
        if (pending != null) {
            Pending written = pending;
            pending = null;
            insertApart(written);
        }
    }

    private void insertApart(Pending written) {
        statements.insertVersion.update(written.version.values());
        if (written.audit != null) {
            statements.insertAuditWithId.update(withId(written.auditId, written.audit.values()));
        }
    }

    private static Object[] withId(long id, Object[] values) {
        Object[] withId = new Object[values.length + 1];
        withId[0] = id;
        System.arraycopy(values, 0, withId, 1, values.length);
        return withId;
    }
}
