package io.timetravel.service;

import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.Snapshot;
import java.time.Instant;
import java.util.List;

/** Snapshot jobs as stored, and the record states a job writes out. */
public interface SnapshotStore extends JobStore<SnapshotStore.Session, Snapshot> {

    /** What a unit of work on snapshot rows and the event log may do: with the event log, the snapshot rows. */
    interface Session extends EventWrites {

        /** This work's transaction time, as {@link WriteSession#recordedAt()}. */
        Instant recordedAt();

        /** Inserts an in-progress snapshot. */
        Snapshot insert(NewSnapshot snapshot);

        /** Marks a snapshot completed with its sealed file. */
        Snapshot complete(long id, SnapshotFiles.Sealed file, long recordCount, Instant completedAt);

        /** Marks a snapshot failed. */
        Snapshot fail(long id, String error, Instant failedAt);

        /** The snapshot as this transaction sees it; it must exist. */
        Snapshot get(long id);

        /** Counts one more start of an in-progress snapshot's job; a snapshot in another state is left as it is. */
        Snapshot startAttempt(long id);

        /** Records why an attempt did not finish on a snapshot still in progress, which stays in progress. */
        Snapshot noteError(long id, String error);

        /** Records that an expired snapshot's file has been deleted. */
        void forgetFile(long id);
    }

    /** A snapshot before it has an id. */
    record NewSnapshot(Instant at, Instant asOf, String reason, long requestedBy, Instant requestedAt, Instant expiresAt,
                       boolean masked) {
    }

    /** How many records there are (with or without a version at any instant): what a job goes through. */
    long recordTotal();

    /** The ids of the records a snapshot at {@code at} as known at {@code asOf} holds (those with a version then), by id. */
    List<Long> recordIds(Instant at, Instant asOf);

    /** Completed snapshots expired at {@code now} whose file is still there. */
    List<Snapshot> expiredWithFiles(Instant now);

    /**
     * The states true at {@code at} as known at {@code asOf} of the next {@code limit} records
     * with an id greater than {@code afterRecordId}, by id. Records without a version then are
     * skipped; {@code scanned} counts them too, so a page with {@code scanned < limit} is the last.
     */
    StatePage statesAt(Instant at, Instant asOf, long afterRecordId, int limit);

    /** One page of {@link #statesAt}; continue after {@code lastRecordId}. */
    record StatePage(List<RecordVersion> states, long lastRecordId, int scanned) {
    }
}
