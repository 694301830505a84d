package io.timetravel.service;

import io.timetravel.domain.Page;
import io.timetravel.domain.RecordSummary;
import io.timetravel.domain.RecordTimeline;
import io.timetravel.domain.RecordVersion;
import io.timetravel.domain.VersionInfo;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The versioned record store: reads from any thread, writes through one writer.
 *
 * <p>Versions are immutable and nothing stored is rewritten, so what a read returns for
 * (record, version), or for two instants both in the past, never changes.
 */
public interface RecordStore {

    /**
     * "As known at {@code knownAt}, what was true at {@code validAt}": the fold of the versions
     * recorded by {@code knownAt} whose valid period contains {@code validAt}
     * ({@link RecordTimeline}); empty when there is none.
     */
    Optional<RecordVersion> findAt(long recordId, Instant validAt, Instant knownAt);

    /** Version {@code version} with the state the store answered right after recording it. */
    Optional<RecordVersion> findVersion(long recordId, long version);

    /** Every version of the record with its own patch, indexed for reads at any instant. */
    Optional<RecordTimeline> timeline(long recordId);

    /** The record's versions, oldest first. */
    Page<VersionInfo> versions(long recordId, int limit, int offset);

    boolean exists(long recordId);

    /** The region of the record's current state, if it exists and has one. */
    Optional<String> region(long recordId);

    /** Records matching the query, by id. */
    Page<RecordSummary> list(RecordQuery query);

    /** The distinct regions of all records, sorted. */
    java.util.List<String> regions();

    /**
     * Runs {@code work} on the single writer, inside the transaction of its batch. Everything it
     * writes commits together or not at all; the future completes after the commit is durable.
     */
    <T> CompletableFuture<T> write(WriteWork<T> work);

    /** Throws {@link StoreUnavailableException} when the database cannot be read. */
    void checkHealth();
}
