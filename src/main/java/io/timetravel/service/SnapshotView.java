package io.timetravel.service;

import io.timetravel.domain.Snapshot;

/**
 * A snapshot as shown to its users.
 *
 * @param status   {@code in_progress}, {@code completed}, {@code failed}, or {@code expired} once a
 *                 completed snapshot's retention has run out
 * @param snapshot the stored snapshot; while in progress, its record count is the progress so far
 * @param progress while its job runs in this process, the share of the records gone through, 0 to 1;
 *                 {@code null} otherwise (not started yet, finished, or not this process's job)
 */
public record SnapshotView(Snapshot snapshot, String status, Double progress) {

    /** A snapshot with no job running for it here. */
    public SnapshotView(Snapshot snapshot, String status) {
        this(snapshot, status, null);
    }
}
