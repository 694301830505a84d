package io.timetravel.service;

import io.timetravel.domain.AuditEntry;
import io.timetravel.domain.Page;
import io.timetravel.domain.StoredAuditEntry;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail as stored: searched by auditors, and read back in chain order to verify it.
 * Entries are appended by the writer, in the transaction of the change they describe
 * ({@link AuditWrites#appendAudit}).
 */
public interface AuditLog {

    /**
     * Entries matching an already validated query, newest first (by position in the chain).
     * An entry whose {@code changed_at} can no longer be read (a hand edit) is listed with none.
     */
    Page<AuditEntry> find(AuditQuery query);

    /** {@link #find}'s entries without counting the matches: the pages of a long walk. */
    List<AuditEntry> entries(AuditQuery query);

    /** How many entries match an already validated query (its limit and offset ignored). */
    long count(AuditQuery query);

    /** The newest entry about version {@code version} of record {@code recordId}, if any. */
    Optional<Long> idOf(long recordId, long version);

    /** The lanes that hold entries, ascending (docs/decisions/0030): only 0 on SQLite. */
    List<Long> lanes();

    /**
     * Up to {@code limit} entries of {@code lane} with an id greater than {@code afterId}, in id
     * (chain) order, as stored: each lane is a chain of its own.
     */
    List<StoredAuditEntry> chainAfter(long lane, long afterId, int limit);
}
