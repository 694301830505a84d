package io.timetravel.domain;

import java.time.Instant;

/**
 * A snapshot job and what it produced: every record's state true at {@code at} as known at
 * {@code asOf}, written once to a sealed file.
 *
 * @param recordCount records in the file (0 until completed)
 * @param byteSize    size of the sealed file, or {@code null} until completed
 * @param sha256      hex SHA-256 of the sealed file's bytes, or {@code null} until completed
 * @param file        where the sealed file is, or {@code null} (not written yet, or deleted after expiry)
 * @param error       why the job failed, or {@code null}
 * @param masked      whether personal fields are masked in the file (see field policies)
 * @param attempts    how many times its job has been started (each start counts before it writes anything)
 */
public record Snapshot(
        long id,
        SnapshotStatus status,
        Instant at,
        Instant asOf,
        String reason,
        long requestedBy,
        Instant requestedAt,
        long recordCount,
        Long byteSize,
        String sha256,
        String file,
        Instant completedAt,
        Instant expiresAt,
        String error,
        boolean masked,
        int attempts) {

    /** The same snapshot with another record count (a job's progress). */
    public Snapshot withRecordCount(long count) {
        return new Snapshot(id, status, at, asOf, reason, requestedBy, requestedAt, count, byteSize, sha256, file, completedAt,
                expiresAt, error, masked, attempts);
    }

    /** Whether the snapshot's retention has run out at {@code now}. */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
