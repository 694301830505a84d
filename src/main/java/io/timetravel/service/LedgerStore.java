package io.timetravel.service;

import io.timetravel.domain.LedgerCheck;
import io.timetravel.domain.StoredAuditEntry;
import io.timetravel.domain.StoredEvent;
import io.timetravel.domain.StoredVersionRow;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stored evidence read back to check it (docs/decisions/0021): the audit trail, the ledger
 * (the chained event log) with the version rows its record events record, and what else tells
 * that rows were deleted, every column as stored. Both chains are kept in lanes, one per writer
 * (docs/decisions/0030): ids are global, and each lane links only its own entries.
 */
public interface LedgerStore {

    /**
     * Each lane's number of ledger entries and its last entry's hash, by lane, all read in one
     * statement; lane 0 with no entries when the ledger is empty.
     */
    List<Head> heads();

    /** Runs {@code work} on one consistent read of the database: nothing written meanwhile shows. */
    <T> T read(Function<View, T> work);

    /** How long a lane of the ledger is and the hash it ends in ({@code HashChain.GENESIS} when empty). */
    record Head(long lane, long entries, String hash) {
    }

    /** One ledger entry and the version row its record event names ({@code null}: none, or gone). */
    record Entry(StoredEvent event, StoredVersionRow versionRow) {
    }

    /** A version by its record and number. */
    record VersionRef(long recordId, long version) {
    }

    /** One consistent read; valid only inside {@link #read}. */
    interface View {

        /** The lanes that hold audit entries or ledger entries, ascending. */
        List<Long> lanes();

        /** Up to {@code limit} audit entries of {@code lane} with an id greater than {@code afterId}, in id order, as stored. */
        List<StoredAuditEntry> auditAfter(long lane, long afterId, int limit);

        /** Up to {@code limit} ledger entries of {@code lane} with an id greater than {@code afterId}, in id order, as stored. */
        List<Entry> eventsAfter(long lane, long afterId, int limit);

        /**
         * The first run of ids above {@code afterId} and below {@code beforeId} that no event of
         * any lane holds, empty when every id between is held.
         */
        Optional<LedgerCheck.IdRun> firstFreeEventIds(long afterId, long beforeId);

        /** The first version row, by record and version, that no record event names. */
        Optional<VersionRef> firstUnrecordedVersion();

        /** How many version rows there are. */
        long versions();

        /** The highest id ever given to an event (the database's own counter), 0 when none was. */
        long lastIssuedEventId();

        /** The highest id ever given to an audit entry, 0 when none was. */
        long lastIssuedAuditId();
    }
}
