package io.timetravel.service;

import io.timetravel.domain.Snapshot;

/**
 * A snapshot as shown to its users.
 *
 * @param status {@code in_progress}, {@code completed}, {@code failed}, or {@code expired} once a
 *               completed snapshot's retention has run out
 * @param snapshot the stored snapshot; while in progress, its record count is the progress so far
 */
public record SnapshotView(Snapshot snapshot, String status) {
}
